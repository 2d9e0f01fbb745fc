package io.easystore.tree;

import java.util.List;

/**
 * What {@link TreePacker} packed and what it left out. Immutable.
 *
 * @param files files packed
 * @param directories directories recorded (the packed directory itself not counted)
 * @param bytes bytes of the files packed
 * @param containerBytes size of the container written, or 0 when packing into a caller's writer
 * @param excluded files and directories left out by the hidden, extension and glob filters
 * @param linksNotFollowed symbolic links left out because links are not followed
 * @param loopsSkipped links that lead back to a directory above them, left out
 * @param otherSkipped entries that are neither files nor directories (sockets, FIFOs, devices)
 * @param errors unreadable files and directories left out (only with skip-errors)
 * @param brokenLinks symbolic links to nothing (or to themselves), left out with a notice
 */
public record PackResult(long files, long directories, long bytes, long containerBytes, long excluded,
    long linksNotFollowed, long loopsSkipped, long otherSkipped, List<PackIssue> errors, long brokenLinks) {
  public PackResult {
    errors = List.copyOf(errors);
  }

  /** A result without broken links (the shape before they were counted). */
  public PackResult(long files, long directories, long bytes, long containerBytes, long excluded,
      long linksNotFollowed, long loopsSkipped, long otherSkipped, List<PackIssue> errors) {
    this(files, directories, bytes, containerBytes, excluded, linksNotFollowed, loopsSkipped, otherSkipped, errors, 0);
  }

  PackResult withContainerBytes(long n) {
    return new PackResult(files, directories, bytes, n, excluded, linksNotFollowed, loopsSkipped, otherSkipped, errors,
        brokenLinks);
  }
}
