package dev.tgkit.client.parsers;

/**
 * Markup that cannot be turned into formatted text, with where the problem is: {@link #line()}
 * and {@link #column()}, both counted from 1, columns in UTF-16 units.
 */
public final class MarkupException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;
  private final String problem;

  MarkupException(int line, int column, String problem) {
    super("line " + line + ", column " + column + ": " + problem);
    this.line = line;
    this.column = column;
    this.problem = problem;
  }

  /** Builds one at a 0-based offset of {@code source}. */
  static MarkupException at(String source, int offset, String problem) {
    int line = 1;
    int lineStart = 0;
    int end = Math.min(Math.max(offset, 0), source.length());
    for (int i = 0; i < end; i++) {
      if (source.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new MarkupException(line, end - lineStart + 1, problem);
  }

  /** The line of the problem, from 1. */
  public int line() {
    return line;
  }

  /** The column of the problem, from 1. */
  public int column() {
    return column;
  }

  /** What is wrong, without the position. */
  public String problem() {
    return problem;
  }
}
