package io.easystore.cli.keys;

import io.easystore.crypto.KeyProvider;
import io.easystore.crypto.KeyProviders;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The key options of every {@code des} command that reads or writes encrypted containers or
 * record archives: where keys come from. A container names its key id; the key is looked up in
 * the one source given ({@code --key-env}, {@code --key-file}, {@code --key-dir} or
 * {@code --keystore}) and then in {@code EASYSTORE_KEY_<ID>}. {@code des}'s own commands and
 * {@code des records} share it.
 *
 * <p>Use as a picocli {@code @Mixin}. Environment variables are read from the map given to
 * {@link #factory}, or {@link System#getenv()}; key material never appears in messages.
 */
public class KeyOptions {
  /** Where {@code --keystore}'s password is read from unless {@code --keystore-password-env} says otherwise. */
  public static final String DEFAULT_PASSWORD_ENV = "EASYSTORE_KEYSTORE_PASSWORD";

  @Option(names = "--key-env", paramLabel = "VAR",
      description = "Environment variable holding the base64 AES-256 key (for any key id).")
  String keyEnv;

  @Option(names = "--key-file", paramLabel = "FILE", description = "File holding the base64 AES-256 key (for any key id).")
  Path keyFile;

  @Option(names = "--key-dir", paramLabel = "DIR", description = "Directory of <key-id>.key files (base64).")
  Path keyDir;

  @Option(names = "--keystore", paramLabel = "FILE",
      description = "PKCS12 keystore whose AES-256 secret-key entries are keys; the alias is the key id.")
  Path keystore;

  @Option(names = "--key-alias", paramLabel = "ALIAS",
      description = "With --keystore: the entry to encrypt with (its alias becomes the key id).")
  String keyAlias;

  @Option(names = "--keystore-password-env", paramLabel = "VAR", defaultValue = DEFAULT_PASSWORD_ENV,
      description = "Environment variable holding the keystore password (default ${DEFAULT-VALUE}).")
  String passwordEnv;

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  private final Map<String, String> env;

  /** Options that read the process environment. */
  public KeyOptions() {
    this(System.getenv());
  }

  /** Options that read {@code env} instead of the process environment (for tests and launchers). */
  public KeyOptions(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /**
   * A picocli factory that gives every {@link KeyOptions} and {@link NewKeyOptions} mixin the
   * environment {@code env}, and creates everything else as picocli's default factory does.
   */
  public static CommandLine.IFactory factory(Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    CommandLine.IFactory fallback = CommandLine.defaultFactory();
    return new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        if (cls == KeyOptions.class) {
          return cls.cast(new KeyOptions(env));
        }
        if (cls == NewKeyOptions.class) {
          return cls.cast(new NewKeyOptions(env));
        }
        return fallback.create(cls);
      }
    };
  }

  Map<String, String> env() {
    return env;
  }

  /**
   * The keys to read with: the source given, then {@code EASYSTORE_KEY_<ID>}.
   *
   * @throws CommandLine.ParameterException if the options do not fit together
   */
  public KeyProvider provider() {
    try {
      if (keyAlias != null && keystore == null) {
        throw new IllegalArgumentException("--key-alias names an entry of --keystore; give --keystore too");
      }
      if (keyAlias != null) {
        KeyProviders.checkKeyId(keyAlias);
      }
      return KeySources.withEnvironmentFallback(KeySources.explicit(env, keyEnv, keyFile, keyDir, keystore,
          passwordEnv, "--key-env", "--key-file", "--key-dir", "--keystore"), env);
    } catch (IllegalArgumentException e) {
      throw usage(mixee, e);
    }
  }

  /**
   * The key options given on the command line ({@code "--key-env"}, ...), for refusing them where
   * they would have no effect; empty if none.
   */
  public java.util.List<String> given() {
    java.util.List<String> g = new java.util.ArrayList<>();
    if (keyEnv != null) {
      g.add("--key-env");
    }
    if (keyFile != null) {
      g.add("--key-file");
    }
    if (keyDir != null) {
      g.add("--key-dir");
    }
    if (keystore != null) {
      g.add("--keystore");
    }
    if (keyAlias != null) {
      g.add("--key-alias");
    }
    return g;
  }

  /** The key id to encrypt with when none is given: the keystore alias, else {@code "default"}. */
  public String defaultKeyId() {
    return keyAlias != null ? keyAlias : "default";
  }

  /**
   * {@code e}, raised while reading {@code container} during a rewrite (which also has a new key),
   * with a message that says it is about the old key and names the container.
   */
  public static io.easystore.crypto.KeyUnavailableException oldKey(io.easystore.crypto.KeyUnavailableException e,
      String container) {
    String m = e.inContainer(container).getMessage();
    return io.easystore.crypto.KeyUnavailableException.of(e.keyId(), e.reason(), "old key: " + m);
  }

  static RuntimeException usage(CommandSpec spec, IllegalArgumentException e) {
    return spec == null ? e : new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
  }
}
