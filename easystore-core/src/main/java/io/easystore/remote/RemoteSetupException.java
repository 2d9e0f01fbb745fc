package io.easystore.remote;

import java.io.IOException;

/**
 * A remote store cannot be used because a setting is missing, not because the store failed: no
 * region or no credentials could be found. {@link #missing()} says which, so that a front end
 * (the {@code des} command) can name its own option for it; the message names the library
 * property and the environment variables.
 */
public final class RemoteSetupException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The setting that could not be found. */
  public enum Missing {
    /** The signing region ({@code s3.region}, {@code AWS_REGION}). */
    REGION,
    /** Credentials ({@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, a profile, a role). */
    CREDENTIALS
  }

  private final String location;
  private final Missing missing;

  /**
   * @param location the container location concerned, or null when not known (client setup)
   */
  public RemoteSetupException(String location, Missing missing, String message, Throwable cause) {
    super((location == null ? "" : location + ": ") + message, cause);
    this.location = location;
    this.missing = missing;
  }

  /** The location, or null. */
  public String location() {
    return location;
  }

  public Missing missing() {
    return missing;
  }
}
