package io.easystore.cli;

import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = VersionProvider.class.getPackage().getImplementationVersion();
    return new String[] {"des " + (v == null ? "development build" : v)
        + " (Java " + Runtime.version() + ")"};
  }
}
