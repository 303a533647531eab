package dev.tgkit.test.internal.world;

import dev.tgkit.mtproto.RpcErrors;
import dev.tgkit.test.RpcErrorException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The {@link World}'s basic groups by id. Basic groups only: Telegram numbers channels and
 * supergroups in a sequence of their own, under other rules. Guarded by the world's lock.
 */
final class BasicGroups {

  private final IntSupplier now;
  private final Map<Long, BasicGroup> groups = new HashMap<>();
  private long nextGroupId = 1_001;

  BasicGroups(IntSupplier now) {
    this.now = now;
  }

  /** A group of {@code creator} and {@code invited}, the creator first. */
  BasicGroup create(String title, Account creator, List<Account> invited) {
    if (title.isBlank()) {
      throw new RpcErrorException(400, RpcErrors.CHAT_TITLE_EMPTY);
    }
    BasicGroup group = new BasicGroup(nextGroupId++, title, creator.id, now.getAsInt());
    group.members.add(creator.id);
    invited.forEach(a -> group.members.add(a.id));
    groups.put(group.id, group);
    return group;
  }

  @Nullable BasicGroup group(long id) {
    return groups.get(id);
  }
}
