package dev.tgkit.session;

import dev.tgkit.session.PeerRef.ChannelRef;
import dev.tgkit.session.PeerRef.GroupRef;
import dev.tgkit.session.PeerRef.UserRef;
import dev.tgkit.tl.TlObject;
import dev.tgkit.tl.api.Channel;
import dev.tgkit.tl.api.ChannelForbidden;
import dev.tgkit.tl.api.Chat;
import dev.tgkit.tl.api.ChatCtor;
import dev.tgkit.tl.api.ChatEmpty;
import dev.tgkit.tl.api.ChatForbidden;
import dev.tgkit.tl.api.Community;
import dev.tgkit.tl.api.CommunityForbidden;
import dev.tgkit.tl.api.Peer;
import dev.tgkit.tl.api.PeerChannel;
import dev.tgkit.tl.api.PeerChat;
import dev.tgkit.tl.api.PeerUser;
import dev.tgkit.tl.api.User;
import dev.tgkit.tl.api.UserCtor;
import dev.tgkit.tl.api.UserEmpty;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The access hashes this account was given, learned from what Telegram sends: every result and
 * update that names users or chats carries their {@code user}, {@code chat} and {@code channel}
 * constructors, and {@link #learn} picks them up wherever they sit in the value, so a peer seen
 * once can be addressed later by id alone (<a href="https://core.telegram.org/api/peers">peers</a>).
 *
 * <p><b>Min constructors.</b> A constructor with {@code min} set (<a
 * href="https://core.telegram.org/api/min">min constructors</a>) carries a hash that only works
 * in the context it came with, so it never replaces a full one. {@link #ref} and friends answer
 * only with hashes from full constructors; {@link #known} also shows min ones.
 *
 * <p><b>Bound.</b> At most {@link #capacity()} peers (100,000 by default; about 130 bytes each,
 * some 13 MB when full), least recently learned or looked up dropped first. A dropped peer is
 * learned again the next time Telegram sends it.
 *
 * <p>Thread-safe. Communities ({@code community}) have no {@link PeerRef} kind yet and are
 * skipped.
 */
public final class PeerCache {

  /** The default number of peers kept. */
  public static final int DEFAULT_CAPACITY = 100_000;

  // Peers sit a few levels down (result, list, user); rich text and page blocks nest deeper but
  // hold none. The bound keeps a pathological value from exhausting the stack.
  private static final int MAX_DEPTH = 32;

  /** The kinds of peer, each with its own id space. */
  public enum Kind {
    /** A user or bot ({@code user}). */
    USER,
    /** A small group ({@code chat}). */
    GROUP,
    /** A broadcast channel, supergroup or gigagroup ({@code channel}). */
    CHANNEL
  }

  /**
   * One peer as last learned.
   *
   * @param ref the peer with the best access hash seen (0 if none)
   * @param min whether that hash came from a min constructor: usable only in the message it came
   *     with (and for profile pictures), not for requests in general
   * @param broadcast for channels, whether it is a broadcast channel (else a supergroup)
   * @param megagroup for channels, whether it is a supergroup
   */
  public record Known(PeerRef ref, boolean min, boolean broadcast, boolean megagroup) {}

  private record Key(Kind kind, long id) {}

  private final int capacity;
  private final LinkedHashMap<Key, Known> peers;

  /** A cache of at most {@link #DEFAULT_CAPACITY} peers. */
  public PeerCache() {
    this(DEFAULT_CAPACITY);
  }

  /**
   * A cache of at most {@code capacity} peers.
   *
   * @throws IllegalArgumentException if {@code capacity} is not positive
   */
  public PeerCache(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("a peer cache holds at least 1 peer, got capacity " + capacity);
    }
    this.capacity = capacity;
    // Access order: lookups keep a peer alive as much as sightings do.
    this.peers = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, Known> eldest) {
        return size() > PeerCache.this.capacity;
      }
    };
  }

  /** The most peers kept. */
  public int capacity() {
    return capacity;
  }

  /** How many peers are kept now. */
  public synchronized int size() {
    return peers.size();
  }

  /**
   * Learns every user, group and channel inside {@code value}, at any depth: an {@code Updates},
   * a {@code messages.Messages}, a {@code contacts.ResolvedPeer}, an {@code auth.Authorization}
   * or any other result or update, including types added to the schema later. Values nested
   * more than 32 levels deep are not looked into; users and chats sit a few levels down at most.
   */
  public void learn(TlObject value) {
    walk(value, 0);
  }

  /**
   * The reference to {@code peer} with a full access hash, if one was learned. Small groups need
   * no hash, so a {@link PeerChat} always has one.
   */
  public Optional<PeerRef> ref(Peer peer) {
    return switch (peer) {
      case PeerUser u -> userRef(u.userId()).map(PeerRef.class::cast);
      case PeerChat c -> c.chatId() > 0 ? Optional.of(new GroupRef(c.chatId())) : Optional.empty();
      case PeerChannel c -> channelRef(c.channelId()).map(PeerRef.class::cast);
    };
  }

  /** The user {@code id} with a full access hash, if one was learned. */
  public Optional<UserRef> userRef(long id) {
    return full(Kind.USER, id).map(k -> (UserRef) k.ref());
  }

  /** The channel {@code id} with a full access hash, if one was learned. */
  public Optional<ChannelRef> channelRef(long id) {
    return full(Kind.CHANNEL, id).map(k -> (ChannelRef) k.ref());
  }

  /** Everything known about peer {@code id} of {@code kind}, min hashes included. */
  public synchronized Optional<Known> known(Kind kind, long id) {
    return Optional.ofNullable(peers.get(new Key(kind, id)));
  }

  /** Forgets every peer, as when another account signs in. */
  public synchronized void clear() {
    peers.clear();
  }

  @Override
  public synchronized String toString() {
    return "PeerCache[" + peers.size() + " of " + capacity + " peers]";
  }

  private Optional<Known> full(Kind kind, long id) {
    return known(kind, id).filter(k -> !k.min());
  }

  private void walk(Object value, int depth) {
    if (depth > MAX_DEPTH) {
      return;
    }
    switch (value) {
      case User user -> learnUser(user);
      case Chat chat -> learnChat(chat);
      case List<?> list -> {
        for (Object element : list) {
          if (element != null) {
            walk(element, depth + 1);
          }
        }
      }
      case TlObject object -> {
        for (MethodHandle accessor : Plan.ACCESSORS.get(object.getClass())) {
          Object component = Plan.get(accessor, object);
          if (component != null) {
            walk(component, depth + 1);
          }
        }
      }
      default -> {
        // Numbers, strings, bytes: no peers in them.
      }
    }
  }

  private void learnUser(User user) {
    switch (user) {
      case UserCtor u -> put(Kind.USER, u.id(), u.accessHash(), u.min(), false, false);
      case UserEmpty e -> {
        // No hash to learn.
      }
    }
  }

  private void learnChat(Chat chat) {
    switch (chat) {
      case ChatCtor c -> put(Kind.GROUP, c.id(), null, false, false, false);
      case ChatForbidden c -> put(Kind.GROUP, c.id(), null, false, false, false);
      case Channel c -> put(Kind.CHANNEL, c.id(), c.accessHash(), c.min(), c.broadcast(), c.megagroup());
      case ChannelForbidden c -> put(Kind.CHANNEL, c.id(), c.accessHash(), false, c.broadcast(), c.megagroup());
      case ChatEmpty e -> {
        // No hash to learn.
      }
      case Community c -> {
        // No PeerRef kind for communities yet.
      }
      case CommunityForbidden c -> {
        // Likewise.
      }
    }
  }

  private void put(Kind kind, long id, @Nullable Long accessHash, boolean min, boolean broadcast, boolean megagroup) {
    if (id <= 0) {
      return; // not a peer id Telegram hands out; nothing could address it
    }
    long hash = accessHash == null ? 0 : accessHash;
    Key key = new Key(kind, id);
    synchronized (this) {
      Known old = peers.get(key);
      if (old != null && keepsHash(old, hash, min)) {
        hash = old.ref().accessHash();
        min = old.min();
      }
      // Flags follow the latest sighting: a supergroup may become a gigagroup.
      peers.put(key, new Known(ref(kind, id, hash), min, broadcast, megagroup));
    }
  }

  // A min hash never replaces a full one, and a missing hash never replaces a present one.
  private static boolean keepsHash(Known old, long hash, boolean min) {
    return (min && !old.min()) || (hash == 0 && old.ref().hasAccessHash());
  }

  private static PeerRef ref(Kind kind, long id, long hash) {
    return switch (kind) {
      case USER -> new UserRef(id, hash);
      case GROUP -> new GroupRef(id);
      case CHANNEL -> new ChannelRef(id, hash);
    };
  }

  /**
   * Which record components can hold a user or chat, per class: every component whose declared
   * type (or list element type) is a TL type; numbers, strings and bytes are skipped. Deciding
   * from declared types alone, without following sealed types into their permitted records,
   * keeps the first {@code learn} from loading and inspecting the whole schema (over a second
   * on a cold JVM); walking what was received costs far less than having deserialized it.
   */
  private static final class Plan {

    static final ClassValue<List<MethodHandle>> ACCESSORS = new ClassValue<>() {
      @Override
      protected List<MethodHandle> computeValue(Class<?> type) {
        return accessors(type);
      }
    };

    private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);

    static @Nullable Object get(MethodHandle accessor, Object record) {
      try {
        return accessor.invokeExact(record);
      } catch (Throwable e) {
        // Generated accessors only return a field.
        throw new IllegalStateException("reading " + record.getClass().getName() + " failed", e);
      }
    }

    private static List<MethodHandle> accessors(Class<?> type) {
      if (!type.isRecord()) {
        return List.of();
      }
      List<MethodHandle> out = new ArrayList<>();
      for (RecordComponent component : type.getRecordComponents()) {
        if (mayHoldPeers(component.getGenericType())) {
          try {
            out.add(MethodHandles.publicLookup().unreflect(component.getAccessor()).asType(GETTER));
          } catch (IllegalAccessException e) {
            // Generated records and their accessors are public; a non-public one holds nothing of ours.
          }
        }
      }
      return List.copyOf(out);
    }

    private static boolean mayHoldPeers(Type type) {
      if (type instanceof Class<?> c) {
        return TlObject.class.isAssignableFrom(c);
      }
      if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
        return List.class.isAssignableFrom(raw) ? mayHoldPeers(p.getActualTypeArguments()[0])
            : TlObject.class.isAssignableFrom(raw);
      }
      return true; // a type variable or wildcard: nothing generated declares one, but walk it
    }
  }
}
