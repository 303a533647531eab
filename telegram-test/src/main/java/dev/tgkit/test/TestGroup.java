package dev.tgkit.test;

/** A basic group of the {@link EmbeddedTelegram}, for tests; see {@link EmbeddedTelegram#createGroup}. */
public final class TestGroup implements TestPeer {

  private final long id;
  private final String title;

  TestGroup(long id, String title) {
    this.id = id;
    this.title = title;
  }

  @Override
  public long id() {
    return id;
  }

  public String title() {
    return title;
  }

  @Override
  public String toString() {
    return "group " + id;
  }
}
