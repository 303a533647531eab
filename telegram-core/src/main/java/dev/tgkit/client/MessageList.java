package dev.tgkit.client;

import dev.tgkit.client.types.Message;
import dev.tgkit.client.types.PagedList;
import java.time.Instant;
import java.util.List;

/**
 * A chat's history ({@link Client#getMessages}), fetched a page at a time as it is iterated:
 * newest first, or oldest first once {@link #reversed()}. Immutable: {@link #limit}, {@link
 * #offsetId}, {@link #offsetDate} and {@link #reversed} return changed copies; each iteration asks
 * Telegram anew; {@link #totalCount()} is the number of messages Telegram counts in the chat.
 *
 * <pre>{@code
 * for (Message m : client.getMessages(chat).limit(50)) { ... }
 * List<Message> firstTen = client.getMessages(chat).reversed().limit(10).toList();
 * }</pre>
 */
public final class MessageList extends PagedList<Message, MessageList> {

  /** The most Telegram returns per request. */
  public static final int PAGE = 100;

  /** How {@code messages.getHistory} is asked for one page. */
  interface History {

    /**
     * One page, in the order asked for.
     *
     * @param offsetId newest first: messages older than this id (0: from the newest); oldest
     *     first: messages newer than this id
     * @param offsetDate on the first page only: newest first, messages before this date; oldest
     *     first, messages at or after it (0: none)
     * @param limit how many to fetch, 1 to {@link #PAGE}
     */
    Page<Message> fetch(int offsetId, int offsetDate, int limit, boolean oldestFirst);
  }

  private final History history;
  private final int offsetId;
  private final int offsetDate;
  private final boolean reversed;

  MessageList(History history) {
    this(history, Long.MAX_VALUE, 0, 0, false);
  }

  private MessageList(History history, long limit, int offsetId, int offsetDate, boolean reversed) {
    super(limit, PAGE);
    this.history = history;
    this.offsetId = offsetId;
    this.offsetDate = offsetDate;
    this.reversed = reversed;
  }

  /** Only messages older than {@code id} (newer, once reversed). */
  public MessageList offsetId(int id) {
    if (id < 0) {
      throw new IllegalArgumentException("a message id cannot be negative, got " + id);
    }
    return new MessageList(history, limitValue(), id, offsetDate, reversed);
  }

  /** Only messages sent before {@code date} (at or after it, once reversed). */
  public MessageList offsetDate(Instant date) {
    long seconds = date.getEpochSecond();
    if (seconds <= 0 || seconds > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("an offset date is between 1970 and 2038, got " + date);
    }
    return new MessageList(history, limitValue(), offsetId, (int) seconds, reversed);
  }

  /** Oldest first. */
  public MessageList reversed() {
    return new MessageList(history, limitValue(), offsetId, offsetDate, !reversed);
  }

  @Override
  protected MessageList withLimit(long limit) {
    return new MessageList(history, limit, offsetId, offsetDate, reversed);
  }

  @Override
  protected Pages<Message> pages() {
    return new Pages<>() {
      private int nextOffset = offsetId;
      private boolean first = true;

      @Override
      public Page<Message> next(int count) {
        Page<Message> page = history.fetch(nextOffset, first ? offsetDate : 0, count, reversed);
        first = false;
        List<Message> items = page.items();
        if (!items.isEmpty()) {
          nextOffset = items.getLast().id();
        }
        return page;
      }
    };
  }
}
