/**
 * The {@code des} command line. Shipped as a fat jar run from the class path; this descriptor
 * keeps the command code to the library modules' exported API at compile time.
 */
module io.easystore.cli {
  requires io.easystore.core;
  requires io.easystore.records;
  requires io.easystore.els;
  requires io.easystore.archive;
  requires io.easystore.s3store;
  requires info.picocli;
  requires me.tongfei.progressbar;
  requires com.fasterxml.jackson.databind;

  // picocli fills @Option and @Parameters fields and calls commands by reflection
  opens io.easystore.cli to info.picocli;
  opens io.easystore.cli.els to info.picocli;
  opens io.easystore.cli.keys to info.picocli;
  opens io.easystore.cli.records to info.picocli;
}
