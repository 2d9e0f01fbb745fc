/** Import of tar, zip and FilePacker archives into DES containers, and export to tar and zip. */
module io.easystore.archive {
  requires transitive io.easystore.core;
  requires org.apache.commons.compress;
  requires com.fasterxml.jackson.databind;

  exports io.easystore.archive;
}
