/**
 * Record archives: append-only record streams in aligned, optionally compressed and encrypted
 * pages, bookmarks, secondary key indexes ({@code .rix}) and parallel scans. The command line
 * lives in easystore-cli.
 */
module io.easystore.records {
  requires transitive io.easystore.core;
  requires com.fasterxml.jackson.databind;

  exports io.easystore.records;
}
