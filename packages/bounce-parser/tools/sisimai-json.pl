#!/usr/bin/perl
# Dev-only driver for the differential tool (sisimai-diff.ts): runs Sisimai 4.25 (Debian's libsisimai-perl) over
# the files named on the command line and prints one JSON object per file on stdout, in the order given.
# Never a runtime dependency of the parser.
use strict;
use warnings;
use Sisimai;
use JSON::PP;

my $json = JSON::PP->new->canonical(1)->utf8(1);
$SIG{__WARN__} = sub {};
for my $file (@ARGV) {
    my $records = [];
    my $ok = eval {
        my $v = Sisimai->make($file, 'delivered' => 1, 'vacation' => 1) || [];
        for my $e (@$v) {
            push @$records, {
                recipient   => $e->recipient ? $e->recipient->address : '',
                reason      => $e->reason // '',
                status      => $e->deliverystatus // '',
                replyCode   => $e->replycode // '',
                agent       => $e->smtpagent // '',
                command     => $e->smtpcommand // '',
                softbounce  => $e->softbounce // '',
                diagnostic  => $e->diagnosticcode // '',
            };
        }
        1;
    };
    print $json->encode({ file => $file, ok => $ok ? JSON::PP::true : JSON::PP::false, recipients => $records }), "\n";
}
