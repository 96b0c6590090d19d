/** The help of `account-codes report` (docs/rules.md#reports-and-post-call-tagging), beside its command. */
export const REPORT_HELP = `Usage: account-codes report FILE --cdr CDR [--by code|category|trunk] [--from TIME] [--to TIME]
                            [--format table|csv|json] [--cdr-timezone ZONE] [--as-of TIME]
                            [--rates FILE]

Sums the calls of a CDR for billing: calls, answered calls and billable
seconds per account code (with its name from FILE), per code and call
category, or per trunk, with separate rows for untagged and locked-out calls.
CDR is the library's JSON lines, Asterisk's cdr_csv Master.csv or
FreeSWITCH's mod_cdr_csv one, recognised from its content; it is read as a stream, so its size does not matter.

Options:
  --cdr CDR            the CDR file
  --by WHAT            code (default), category (code and call category) or trunk
  --from TIME          count calls that started at or after TIME
  --to TIME            count calls that started before TIME
                       TIME: 2026-11-01T14:00:00Z, or 2026-11-01 / 2026-11-01T09:00 in --cdr-timezone
  --format FORMAT      table (default, for a person), csv (RFC 4180, for a spreadsheet) or json
  --cdr-timezone ZONE  the IANA zone of Master.csv's zone-less times (default: this machine's;
                       UTC when Asterisk runs with usegmtime=yes)
  --as-of TIME         the instant the report says it was made (default: now)
  --rates FILE         a carrier rate deck (CSV: prefix,rate[,description,increment]): rows
                       gain the cost of their answered calls; calls it cannot price are unrated

Exit status: 0 success, 1 invalid input (bad file, a malformed CDR line, named
by its number), 2 bad usage.`;
