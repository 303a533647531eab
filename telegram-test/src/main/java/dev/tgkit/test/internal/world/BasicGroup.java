package dev.tgkit.test.internal.world;

import java.util.LinkedHashSet;
import java.util.Set;

/** A basic group of the {@link World}: a title and members. Guarded by the world's lock. */
public final class BasicGroup {

  public final long id;
  public final String title;
  final long creatorId;
  final int date;
  final Set<Long> members = new LinkedHashSet<>();

  BasicGroup(long id, String title, long creatorId, int date) {
    this.id = id;
    this.title = title;
    this.creatorId = creatorId;
    this.date = date;
  }

  public boolean hasMember(Account account) {
    return members.contains(account.id);
  }
}
