package dev.tgkit.test;

/** A dialog a test account can write to: another account ({@link TestUser}) or a {@link TestGroup}. */
public sealed interface TestPeer permits TestUser, TestGroup {

  /** The user's or the group's id. */
  long id();
}
