/** ELS: a key-value store kept in file names, with JSON import and export. The command line lives in easystore-cli. */
module io.easystore.els {
  requires transitive io.easystore.core;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;

  exports io.easystore.els;
}
