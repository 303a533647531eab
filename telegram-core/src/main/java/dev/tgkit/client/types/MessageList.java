package dev.tgkit.client.types;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A chat's history, fetched a page at a time as it is iterated: newest first, or oldest first
 * once {@link #reversed()}. Immutable: {@link #limit}, {@link #offsetId}, {@link #offsetDate} and
 * {@link #reversed} return changed copies; each iteration asks Telegram anew.
 *
 * <pre>{@code
 * for (Message m : client.getMessages(chat).limit(50)) { ... }
 * List<Message> firstTen = client.getMessages(chat).reversed().limit(10).toList();
 * }</pre>
 */
public final class MessageList implements Iterable<Message> {

  /** The most Telegram returns per request. */
  public static final int PAGE = 100;

  /**
   * What a page request needs: where to continue from and in which direction.
   *
   * @param offsetId newest first: messages older than this id (0: from the newest); oldest
   *     first: messages newer than this id
   * @param offsetDate on the first page only: newest first, messages before this date; oldest
   *     first, messages at or after it (0: none)
   * @param limit how many to fetch, at most {@link #PAGE}
   * @param oldestFirst the direction
   */
  public record Page(int offsetId, int offsetDate, int limit, boolean oldestFirst) {}

  private final Function<Page, List<Message>> fetch;
  private final long limit;
  private final int offsetId;
  private final int offsetDate;
  private final boolean reversed;

  /**
   * @param fetch gets one page, in the order asked for; an empty page ends the list
   */
  public MessageList(Function<Page, List<Message>> fetch) {
    this(fetch, Long.MAX_VALUE, 0, 0, false);
  }

  private MessageList(Function<Page, List<Message>> fetch, long limit, int offsetId, int offsetDate, boolean reversed) {
    this.fetch = fetch;
    this.limit = limit;
    this.offsetId = offsetId;
    this.offsetDate = offsetDate;
    this.reversed = reversed;
  }

  /** At most {@code n} messages (default: the whole history). */
  public MessageList limit(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("a limit cannot be negative, got " + n);
    }
    return new MessageList(fetch, n, offsetId, offsetDate, reversed);
  }

  /** Only messages older than {@code id} (newer, once reversed). */
  public MessageList offsetId(int id) {
    if (id < 0) {
      throw new IllegalArgumentException("a message id cannot be negative, got " + id);
    }
    return new MessageList(fetch, limit, id, offsetDate, reversed);
  }

  /** Only messages sent before {@code date} (at or after it, once reversed). */
  public MessageList offsetDate(Instant date) {
    long seconds = date.getEpochSecond();
    if (seconds <= 0 || seconds > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("an offset date is between 1970 and 2038, got " + date);
    }
    return new MessageList(fetch, limit, offsetId, (int) seconds, reversed);
  }

  /** Oldest first. */
  public MessageList reversed() {
    return new MessageList(fetch, limit, offsetId, offsetDate, !reversed);
  }

  @Override
  public Iterator<Message> iterator() {
    return new Iterator<>() {
      private final ArrayList<Message> page = new ArrayList<>();
      private int index;
      private long returned;
      private int nextOffset = offsetId;
      private boolean first = true;
      private boolean exhausted;

      @Override
      public boolean hasNext() {
        if (returned >= limit) {
          return false;
        }
        if (index < page.size()) {
          return true;
        }
        if (exhausted) {
          return false;
        }
        page.clear();
        index = 0;
        int size = (int) Math.min(PAGE, limit - returned);
        page.addAll(fetch.apply(new Page(nextOffset, first ? offsetDate : 0, size, reversed)));
        first = false;
        if (page.isEmpty()) {
          exhausted = true;
          return false;
        }
        nextOffset = page.getLast().id();
        return true;
      }

      @Override
      public Message next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        returned++;
        return page.get(index++);
      }
    };
  }

  /** The messages as a stream, fetched as it is consumed. */
  public Stream<Message> stream() {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  /** Every message, fetched now. Mind the {@link #limit}: a long history is many requests. */
  public List<Message> toList() {
    return stream().toList();
  }
}
