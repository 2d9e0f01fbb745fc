package io.easystore.internal.fpack;



/** Test access to package-private helpers of {@link FpackIndex}. */
public final class FpackIndexAccess {
  private FpackIndexAccess() {}

  public static int incompleteTail(byte[] b) {
    return FpackIndex.incompleteTail(b, b.length);
  }
}
