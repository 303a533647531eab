package dev.tgkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.client.types.Message;
import dev.tgkit.client.types.PagedList;
import dev.tgkit.client.types.PeerMap;
import dev.tgkit.tl.api.MessageCtor;
import dev.tgkit.tl.api.PeerUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The paging of a history of 250 messages (ids 1..250, some deleted), served as Telegram serves
 * messages.getHistory: newest first, offsets by id.
 */
class MessageListTest {

  private final List<Integer> existing = IntStream.rangeClosed(1, 250).filter(i -> i % 7 != 0).boxed().toList();
  /** One page asked for. */
  private record Request(int offsetId, int offsetDate, int limit, boolean oldestFirst) {}

  private final List<Request> requests = new ArrayList<>();

  private static Message message(int id) {
    MessageCtor raw = MessageCtor.builder(id, new PeerUser(7), 1_700_000_000 + id, "m" + id).build();
    return Message.of(raw, new PeerMap(), 1);
  }

  private PagedList.Page<Message> serve(int offsetId, int offsetDate, int limit, boolean oldestFirst) {
    Request page = new Request(offsetId, offsetDate, limit, oldestFirst);
    requests.add(page);
    assertThat(page.limit()).isBetween(1, MessageList.PAGE);
    List<Integer> ids = page.oldestFirst()
        ? existing.stream().filter(id -> id > page.offsetId()).limit(page.limit()).toList()
        : existing.reversed().stream()
            .filter(id -> page.offsetId() == 0 || id < page.offsetId())
            .filter(id -> page.offsetDate() == 0 || 1_700_000_000 + id < page.offsetDate())
            .limit(page.limit()).toList();
    return new PagedList.Page<>(ids.stream().map(MessageListTest::message).toList(), existing.size(), false);
  }

  private final MessageList history = new MessageList(this::serve);

  private static List<Integer> ids(Iterable<Message> messages) {
    List<Integer> ids = new ArrayList<>();
    messages.forEach(m -> ids.add(m.id()));
    return ids;
  }

  @Test
  void iteratesTheWholeHistoryNewestFirstAPageAtATime() {
    assertThat(ids(history)).containsExactlyElementsOf(existing.reversed());
    assertThat(requests).hasSize(4); // 215 messages in pages of 100, then an empty page
  }

  @Test
  void reversedIteratesOldestFirst() {
    assertThat(ids(history.reversed())).containsExactlyElementsOf(existing);
  }

  @Test
  void aLimitStopsFetchingEarly() {
    assertThat(history.limit(150).toList()).hasSize(150);
    assertThat(requests).extracting(Request::limit).containsExactly(100, 50);
    assertThat(history.limit(0).toList()).isEmpty();
  }

  @Test
  void offsetsPickWhereToStart() {
    assertThat(ids(history.offsetId(20).limit(3))).containsExactly(19, 18, 17);
    assertThat(ids(history.reversed().offsetId(20).limit(3))).containsExactly(22, 23, 24);
    assertThat(ids(history.offsetDate(Instant.ofEpochSecond(1_700_000_000L + 16)).limit(2))).containsExactly(15, 13);
  }

  @Test
  void eachIterationAsksAnewAndTheListIsImmutable() {
    MessageList ten = history.limit(10);
    assertThat(ten.stream().count()).isEqualTo(10);
    assertThat(ten.stream().count()).isEqualTo(10);
    assertThat(requests).hasSize(2);
    assertThatThrownBy(() -> history.limit(-1)).hasMessageContaining("negative");
  }

  @Test
  void theTotalCountIsTelegramsAskedForWithAPageOfOne() {
    assertThat(history.limit(3).totalCount()).isEqualTo(existing.size());
    assertThat(requests).extracting(Request::limit).containsExactly(1);
  }
}
