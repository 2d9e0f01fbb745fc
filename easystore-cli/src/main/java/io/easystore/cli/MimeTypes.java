package io.easystore.cli;

import java.io.IOException;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;

/** The MIME type recorded by {@code --meta-from-mime}. Stateless and thread-safe. */
final class MimeTypes {
  private MimeTypes() {}

  static String of(Path p) throws IOException {
    String type = Files.probeContentType(p);
    if (type == null) {
      type = URLConnection.guessContentTypeFromName(p.getFileName().toString());
    }
    return type == null ? "application/octet-stream" : type;
  }
}
