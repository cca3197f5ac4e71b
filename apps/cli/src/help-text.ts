import { EXIT_INPUT_ERROR, EXIT_OK, EXIT_OUTPUT_ERROR, EXIT_USAGE } from './exit-codes.js';

export const HELP_TEXT = `Usage: bounce parse [options] PATH...
       bounce sender-check DOMAIN --ip IP [--selector S] [--bounce-domain D] [options]
       bounce sender-health watch DOMAIN --ip IP [--selector S] [--bounce-domain D] | unwatch ID | list

Parses bounce messages (DSNs, MTA bounces, ARF complaints, auto-replies) into one verdict per recipient.

PATH (several may be given; results come in the order of the PATHs):
  FILE.eml       one message
  FILE.mbox      an mbox (also *.mbx, or a file named mbox); messages are named FILE.mbox#1, FILE.mbox#2, ...
  FOLDER         its *.eml and *.mbox files, sorted by name; other files and subfolders are skipped
  MAILDIR        a folder with a cur/ or new/ subfolder: the files of both, sorted by name
  -              standard input: one message, or an mbox when it starts with a "From " line and holds several
  other FILE     one message, or an mbox when it starts with a "From " line and holds several

Output on stdout (default: --table when stdout is a terminal, else --ndjson):
  --ndjson       one JSON line per message, in input order (the format of shared/eval/README.md)
  --json         one JSON array with the full result of every message
  --table        one row per recipient, for reading

Options:
  --correlation-header NAME  header of the returned original message that identifies the send; repeat for
                             several (default: X-Bounce-Correlation and X-Send-Id); values appear in --json
  --max-bytes N              bytes examined per message (default: the parser's, 2 MiB)
  --no-progress              no progress line (otherwise drawn on stderr when stderr is a terminal, stdout is
                             not, and more than 200 messages are read)
  -j, --jobs N               parser threads for large inputs, the main thread included (default: one per idle
                             core, i.e. cores less the load average, at most 16; 1: the main thread only); each
                             thread warms up on its own, so by default threads start only from 40,000 messages
                             (from 500 with --jobs N)
  -h, --help                 show this help
  -V, --version              show the version

bounce sender-check: checks a sending setup through DNS from this machine: SPF of DOMAIN (syntax, lookups
over 10, includes, the IPs covered), DKIM keys of the selectors (present, size), DMARC (policy, rua/ruf,
alignment), PTR/FCrDNS and blocklist listings of each IP, MX of the bounce domain, and whether the VERP return
path (bounces+token@BOUNCE-DOMAIN) passes SPF aligned with DOMAIN. Exit code 1 when a check fails.
  --ip IP                    a sending IP; repeat or comma-separate (at most 16)
  --selector S               a DKIM selector; repeat or comma-separate
  --bounce-domain D          domain of the return path (default: DOMAIN)
  --dns-server ADDR          resolver to ask (ip, ip:port, [v6]:port); repeat (default: the system's)
  --dnsbl ZONE               blocklist zone; repeat (default: Spamhaus ZEN, SpamCop, Barracuda, PSBL, Mailspike)
  --json                     the whole report as JSON
  --lang en|de               language of the summary (default en)

bounce sender-health: the sending setups the API watches (checked now, then on a schedule, with a
sender_setup.changed event when a result changes): watch DOMAIN (same options as sender-check), unwatch ID,
list. Asks the API at --api-url URL or BOUNCE_API_URL with the key in BOUNCE_API_KEY (write scope to change).
  --json                     the API's JSON

Exit codes:
  ${EXIT_OK}  every input was read (whatever the verdicts)
  ${EXIT_INPUT_ERROR}  some input could not be read or parsed (each is named on stderr); the others were parsed
  ${EXIT_USAGE}  usage error (unknown option or command, missing PATH, two output formats)
  ${EXIT_OUTPUT_ERROR}  output could not be written (a reader that stops early, as in "| head", is not an error)

Examples:
  bounce parse bounce.eml
  bounce parse --ndjson ../shared/corpus/dev/emails > results.ndjson
  cat message.eml | bounce parse -
  bounce sender-check example.com --ip 203.0.113.5 --selector s1 --bounce-domain bounces.example.com
  BOUNCE_API_URL=http://127.0.0.1:3000 BOUNCE_API_KEY=... bounce sender-health watch example.com --ip 203.0.113.5
`;
