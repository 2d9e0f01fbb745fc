package io.easystore.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code des --version}: the Maven project version, filtered into a resource at build time. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"des " + version() + " (Java " + Runtime.version() + ")"};
  }

  static String version() {
    String v = VersionProvider.class.getPackage().getImplementationVersion();
    if (v != null) {
      return v;
    }
    try (java.io.InputStream in = VersionProvider.class.getResourceAsStream("/io/easystore/cli/version.properties")) {
      if (in != null) {
        java.util.Properties p = new java.util.Properties();
        p.load(in);
        String filtered = p.getProperty("version");
        if (filtered != null && !filtered.startsWith("${")) {
          return filtered;
        }
      }
    } catch (java.io.IOException e) {
      // Unreadable resource inside our own jar: fall through to the honest answer.
    }
    return "(unknown version)";
  }
}
