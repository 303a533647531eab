package dev.tgkit.client.types;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A list Telegram hands out a page at a time, fetched lazily as it is iterated: only the page
 * being read is held, so a history of millions of messages iterates in the memory of one page.
 * Immutable: {@link #limit} and each list's own options return changed copies, and each iteration
 * asks Telegram anew. The client's listings ({@code getMessages}, later dialogs, participants,
 * search...) are its subclasses, each with its own options.
 *
 * <pre>{@code
 * for (Message m : client.getMessages(chat).limit(500)) { ... }
 * int total = client.getMessages(chat).totalCount();
 * }</pre>
 *
 * @param <T> what the list holds
 * @param <L> the list's own type, which {@link #limit} returns
 */
public abstract class PagedList<T, L extends PagedList<T, L>> implements Iterable<T> {

  /**
   * One answer: its items in the list's order, and what Telegram said about the whole.
   *
   * @param totalCount how many items Telegram counts in the whole list
   * @param last whether Telegram said there are no more (an empty page says so too)
   */
  public record Page<T>(List<T> items, int totalCount, boolean last) {

    public Page {
      items = List.copyOf(items);
    }
  }

  /** One iteration's walk through the pages; it keeps where the next page starts. */
  protected interface Pages<T> {

    /** The next page, of at most {@code count} items ({@code count} is at least 1). */
    Page<T> next(int count);
  }

  private final long limit;
  private final int pageSize;

  /**
   * @param limit the most items to give, {@link Long#MAX_VALUE} for all
   * @param pageSize the most Telegram gives per request
   */
  protected PagedList(long limit, int pageSize) {
    if (limit < 0) {
      throw new IllegalArgumentException("a limit cannot be negative, got " + limit);
    }
    if (pageSize < 1) {
      throw new IllegalArgumentException("a page holds at least one item, got " + pageSize);
    }
    this.limit = limit;
    this.pageSize = pageSize;
  }

  /** A fresh walk from the first page, with this list's options. */
  protected abstract Pages<T> pages();

  /** This list with another limit and the same options. */
  protected abstract L withLimit(long limit);

  /** The most items this list gives. */
  protected final long limitValue() {
    return limit;
  }

  /** At most {@code n} items (default: all). */
  public final L limit(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("a limit cannot be negative, got " + n);
    }
    return withLimit(n);
  }

  /**
   * How many items Telegram says the whole list holds, regardless of {@link #limit}: one request
   * for a page of one item.
   */
  public int totalCount() {
    return pages().next(1).totalCount();
  }

  @Override
  public final Iterator<T> iterator() {
    return new Iterator<>() {
      private final Pages<T> pages = pages();
      private final ArrayDeque<T> page = new ArrayDeque<>();
      private long returned;
      private boolean exhausted;

      @Override
      public boolean hasNext() {
        if (returned >= limit) {
          return false;
        }
        if (!page.isEmpty()) {
          return true;
        }
        if (exhausted) {
          return false;
        }
        // Never ask for more than remains, nor for none: Telegram reads a limit of 0 as its default.
        Page<T> next = pages.next((int) Math.min(pageSize, limit - returned));
        page.addAll(next.items());
        exhausted = next.last() || next.items().isEmpty();
        return !page.isEmpty();
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        returned++;
        return page.removeFirst();
      }
    };
  }

  /** The items as a stream, fetched as it is consumed. */
  public final Stream<T> stream() {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  /** Every item, fetched now. Mind the {@link #limit}: a long list is many requests. */
  public final List<T> toList() {
    return stream().toList();
  }
}
