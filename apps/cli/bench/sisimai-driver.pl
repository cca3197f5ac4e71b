#!/usr/bin/perl
# Dev-only reference for `pnpm bench:cli`: parses every message of a folder (or mbox) with Sisimai, the way its
# `sisimai` command does, and prints one JSON line per message with the recipients' Sisimai::Data dumps. Never a
# dependency of the product: the benchmark skips it when libsisimai-perl is not installed.
use strict;
use warnings;
use Sisimai::Mail;
use Sisimai::Message;
use Sisimai::Data;

my $path = shift or die "usage: $0 FOLDER|MBOX\n";
my $mail = Sisimai::Mail->new($path) or die "cannot read $path\n";
binmode STDOUT;
while (my $raw = $mail->data->read) {
    my @recipients;
    if (my $message = Sisimai::Message->new(data => $raw)) {
        my $data = Sisimai::Data->make(data => $message, origin => $mail->data->path) || [];
        push @recipients, map { $_->dump('json') } @$data;
    }
    print '{"recipients":[', join(',', @recipients), "]}\n";
}
