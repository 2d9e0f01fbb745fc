package io.easystore.nio;

import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.Objects;

/**
 * Owner and group names. A container stores neither, so every entry of a file system reports the
 * same owner and group: the {@code owner}/{@code group} options, else those of the local
 * container file, else the current user. Immutable and thread-safe.
 */
final class Principals extends UserPrincipalLookupService {
  /** A user name. */
  record User(String name) implements UserPrincipal {
    User {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** A group name. */
  record Group(String name) implements GroupPrincipal {
    Group {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private final User owner;
  private final Group group;

  Principals(String owner, String group) {
    this.owner = new User(owner);
    this.group = new Group(group);
  }

  User owner() {
    return owner;
  }

  Group group() {
    return group;
  }

  @Override
  public UserPrincipal lookupPrincipalByName(String name) {
    return new User(name);
  }

  @Override
  public GroupPrincipal lookupPrincipalByGroupName(String group) {
    return new Group(group);
  }
}
