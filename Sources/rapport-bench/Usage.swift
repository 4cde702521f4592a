/// The help text of `rapport-bench`.
enum Usage {
    static let text = """
        usage: rapport-bench store  [--contacts N] [--activities N] [--dir DIR] [--batch N] [--seed N]
               rapport-bench search [--contacts N] [--activities N] [--dir DIR] [--batch N] [--seed N] [--maildir N]
               rapport-bench ingest [--messages N] [--dir DIR] [--seed N]
               rapport-bench fuzz   [--cases N] [--seed N]
               rapport-bench sync   [--messages N] [--latency-ms N] [--tables legacy,2026] [--seed N]
               rapport-bench ui     [--messages N] [--contacts N] [--keys N] [--dir DIR] [--seed N]
               rapport-bench mail   [--messages N] [--contacts N] [--repeats N] [--dir DIR] [--seed N]
               rapport-bench import-contention [--rows N] [--dir DIR]
               rapport-bench team   [--users N] [--seconds S] [--interval S] [--dir DIR] [--seed N]

          store   Builds a fresh Rapport store (a real SQLite file) with one team, 3 users and their
                  mailboxes, loads N contacts (default 50000) and N timeline entries (default 1000000,
                  80% from mail) through the store's write paths, then measures timeline and search
                  latency. --batch sets entries per write transaction (default 20000).
          search  Builds the same store as `store`, then times the search mix of issue 15 (common word,
                  rare word, two words, phrase, from:, a date range, has:attachment, negation, CJK),
                  20 runs each in process, p50 and p99 per kind. Then, when notmuch is installed, the
                  same mix as whole processes, `rapport search` against `notmuch search`, on a Maildir of
                  N messages (--maildir, default 38000; 0 skips) imported and indexed by each, median of 5.
          ingest  Writes a realistic Maildir of N messages (default 20000), sets up a home with the
                  real binary, and times `rapport import maildir` end to end: messages/s, MB/s, peak RSS.
          fuzz    Parses N mutated corpus messages (default 100000) from ../shared/corpus/mime and
                  reports crashes (none: the process would die), the slowest case and memory.
          sync    Fully syncs a mailbox of N messages (default 3000) from the Gmail simulator over
                  loopback with 30 ms latency and Google's per-user quota, once per cost table (legacy
                  250 units/s, 2026 100 units/s; the 2026 run takes about 10 minutes at 3000), and
                  prints quota units/s achieved ÷ the quota, the 429s provoked and the wall time.
          ui      Builds a store of N messages (default 100000) and N contacts (default 20000), starts the
                  real rapport binary on an 80×24 pseudo-terminal 5 times (time to first frame, peak RSS),
                  then presses N scripted keys (default 2000) through the app in process at 80×24 and
                  120×40 and prints keypress-to-frame p50/p90/p99 per kind of key, and the time from a
                  pause in typing to the search results. Needs rapport built next to rapport-bench.
          mail    Builds the ui benchmark's store of N messages (default 100000) in threads, then pages
                  through Inbox, All Mail and Sent 50 conversations at a time to the oldest (checking that
                  none comes twice), times the first and the last page N times each (default 200), and runs
                  `rapport mail list --json` for the first and last page (when rapport is built next to it).
          import-contention
                  Writes a contacts CSV of N rows (default 1000000, about 150 MB) and imports it with the
                  real binary while `rapport activity add` runs every second beside it: the import's time
                  and peak RSS, each note's whole command time (a bound of its wait), how many over 1 s.
          team    N users (default 20) of one team on one home, acting through RAPPORT_USER (no OS
                  accounts), against the simulator on loopback: each has a `rapport sync` daemon (every
                  --interval seconds, default 5) and a loop of composes, notes, timelines, searches and
                  outbox listings while mail is delivered, for S seconds (default 300). Prints failures by
                  kind, reader and writer p50/p99, sync lag, and checks every send went out once and every
                  delivered message was stored once.

          --dir DIR   a folder that does not exist yet (default: a new temporary folder, removed at the end)
          --seed N    seed for the synthetic data (each benchmark has its own default)

        """
}
