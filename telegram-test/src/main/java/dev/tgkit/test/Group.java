package dev.tgkit.test;

import java.util.LinkedHashSet;
import java.util.Set;

/** A basic group of the {@link World}: a title and members. Guarded by the world's lock. */
final class Group {

  final long id;
  final String title;
  final long creatorId;
  final int date;
  final Set<Long> members = new LinkedHashSet<>();

  Group(long id, String title, long creatorId, int date) {
    this.id = id;
    this.title = title;
    this.creatorId = creatorId;
    this.date = date;
  }
}
