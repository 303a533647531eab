package dev.tgkit.tl.generator;

/**
 * A schema the generator cannot turn into Java: malformed TL, an unknown type, a name clash.
 *
 * <p>The message starts with {@code file:line:} so a build log points at the offending
 * definition.
 */
public final class SchemaException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;

  public SchemaException(String source, int line, String message) {
    super(source + ":" + line + ": " + message);
    this.source = source;
    this.line = line;
  }

  /** The schema file's name, as given to the parser. */
  public String source() {
    return source;
  }

  /** 1-based line of the fault in {@link #source()}. */
  public int line() {
    return line;
  }
}
