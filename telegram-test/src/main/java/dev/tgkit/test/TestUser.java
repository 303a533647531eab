package dev.tgkit.test;

import dev.tgkit.test.internal.world.Account;
import dev.tgkit.test.internal.world.BasicGroup;
import dev.tgkit.test.internal.world.Stored;
import dev.tgkit.test.internal.world.World;
import dev.tgkit.tl.api.InputPeer;
import dev.tgkit.tl.api.InputPeerChat;
import dev.tgkit.tl.api.InputPeerSelf;
import dev.tgkit.tl.api.InputPeerUser;
import dev.tgkit.tl.api.MessageMediaWebPage;
import dev.tgkit.tl.api.WebPagePending;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A user or bot account of the {@link EmbeddedTelegram}, for tests: what it sees, and what it does
 * as if its official app did it. Messages sent here are created in the world and pushed to the
 * connected sessions of every participant (this account's too), like any other message.
 */
public final class TestUser implements TestPeer {

  private final World world;
  final Account account;

  TestUser(World world, Account account) {
    this.world = world;
    this.account = account;
  }

  @Override
  public long id() {
    return account.id;
  }

  /** The phone number, digits only; null for a bot. */
  public @Nullable String phone() {
    return account.phone;
  }

  public String firstName() {
    return account.firstName;
  }

  public boolean isBot() {
    return account.bot;
  }

  /** The data center the account lives on: signing in elsewhere is redirected there. */
  public int homeDc() {
    return account.homeDc;
  }

  public @Nullable String username() {
    synchronized (world) {
      return account.username();
    }
  }

  /**
   * Sets the public username others resolve with {@code contacts.resolveUsername}, or removes it
   * with null.
   *
   * @throws IllegalArgumentException if it is malformed or another account has it
   */
  public TestUser username(@Nullable String username) {
    world.setUsername(account, username);
    return this;
  }

  /**
   * Turns on two-step verification with {@code password} (null turns it off): signing in then
   * needs {@code auth.checkPassword} with its SRP proof. Only a verifier is kept.
   */
  public TestUser setPassword(@Nullable String password) {
    world.setPassword(account, password);
    return this;
  }

  /**
   * Turns a bot's <a href="https://core.telegram.org/bots/features#privacy-mode">privacy mode</a>
   * on (Telegram's default: in groups it gets only service messages, commands, mentions of it and
   * replies to its messages) or off (it gets every message), as BotFather's /setprivacy does.
   *
   * @throws IllegalStateException if this account is not a bot
   */
  public TestUser privacyMode(boolean on) {
    if (!account.bot) {
      throw new IllegalStateException("privacy mode is a bot's setting and " + this + " is a user");
    }
    world.setPrivacyMode(account, on);
    return this;
  }

  /** This account's update state counter: how many changes its messages went through. */
  public int pts() {
    synchronized (world) {
      return account.pts();
    }
  }

  /**
   * The {@code InputPeer} this account uses for {@code peer}, with the access hash this account
   * sees (another account sees another).
   */
  public InputPeer inputPeer(TestPeer peer) {
    return switch (peer) {
      case TestUser u when u.id() == id() -> new InputPeerSelf();
      case TestUser u -> new InputPeerUser(u.id(), World.accessHash(account, u.id()));
      case TestGroup g -> new InputPeerChat(g.id());
    };
  }

  /** Sends {@code text} to {@code to}. */
  public TestMessage sendMessage(TestPeer to, String text) {
    return send(to, World.Draft.text(text));
  }

  /** Sends {@code text} to {@code to} in reply to this account's message {@code replyTo}. */
  public TestMessage reply(TestPeer to, int replyTo, String text) {
    return send(to, new World.Draft(text, null, replyTo, null, false, null, null));
  }

  private TestMessage send(TestPeer to, World.Draft draft) {
    synchronized (world) {
      Object target = dialog(to);
      try {
        return view(world.send(account, target, draft, null));
      } catch (RpcErrorException e) {
        throw new IllegalArgumentException("Telegram refuses this message: " + e.errorMessage(), e);
      }
    }
  }

  /**
   * Edits this account's message {@code id} in the dialog with {@code peer} to {@code text}, for
   * everyone who has it.
   *
   * @throws IllegalArgumentException if Telegram refuses the edit (no such message, not the
   *     author, the same text)
   */
  public TestMessage editMessage(TestPeer peer, int id, String text) {
    synchronized (world) {
      Object target = dialog(peer);
      try {
        return view(world.edit(account, World.peerOf(account, target), id, text, null, null, null, null));
      } catch (RpcErrorException e) {
        throw new IllegalArgumentException("Telegram refuses this edit: " + e.errorMessage(), e);
      }
    }
  }

  /**
   * Deletes this account's messages {@code ids} (its own ids; those not there are ignored), for
   * everyone who has them.
   *
   * @return how many of this account's messages went
   * @throws IllegalArgumentException if Telegram refuses (another's message in a group this
   *     account did not create)
   */
  public int deleteMessages(List<Integer> ids) {
    try {
      return world.delete(account, ids, true, null);
    } catch (RpcErrorException e) {
      throw new IllegalArgumentException("Telegram refuses this deletion: " + e.errorMessage(), e);
    }
  }

  /** This account's messages in the dialog with {@code peer}, oldest first. */
  public List<TestMessage> messages(TestPeer peer) {
    synchronized (world) {
      List<TestMessage> out = new ArrayList<>();
      for (Stored m : world.history(account, World.peerOf(account, dialog(peer))).reversed()) {
        out.add(view(m));
      }
      return out;
    }
  }

  /**
   * The highest id of an incoming message in the dialog with {@code peer} this account has read
   * (0 for none).
   */
  public int readInboxUpTo(TestPeer peer) {
    synchronized (world) {
      return account.readInboxUpTo(World.peerOf(account, dialog(peer)));
    }
  }

  /**
   * The highest id of this account's own messages in the dialog with {@code peer} that the other
   * side has read (0 for none), as {@code updateReadHistoryOutbox} told it.
   */
  public int readOutboxUpTo(TestPeer peer) {
    synchronized (world) {
      return account.readOutboxUpTo(World.peerOf(account, dialog(peer)));
    }
  }

  /**
   * Waits until the dialog with {@code peer} holds at least {@code count} messages this account did
   * not send (what a bot replied, say), and returns them, oldest first.
   *
   * @throws IllegalStateException if fewer arrived within {@code timeout}
   */
  public List<TestMessage> awaitMessages(TestPeer peer, int count, Duration timeout)
      throws InterruptedException {
    if (count < 1) {
      throw new IllegalArgumentException("wait for at least one message, got " + count);
    }
    if (!world.await(() -> incoming(peer).size() >= count, timeout)) {
      throw new IllegalStateException("waited " + timeout + " for " + count + " messages from " + peer
          + " to " + this + ", got " + incoming(peer).size());
    }
    return incoming(peer);
  }

  private List<TestMessage> incoming(TestPeer peer) {
    return messages(peer).stream().filter(m -> !m.out()).toList();
  }

  private Object dialog(TestPeer peer) {
    Object target = switch (peer) {
      case TestUser u -> u.account;
      case TestGroup g -> world.group(g.id());
    };
    if (target instanceof BasicGroup g && !g.hasMember(account)) {
      throw new IllegalArgumentException(this + " is not a member of " + peer);
    }
    return target;
  }

  private static TestMessage view(Stored m) {
    String preview = m.media() instanceof MessageMediaWebPage w && w.webpage() instanceof WebPagePending p
        ? p.url() : null;
    return new TestMessage(m.id, m.fromId, m.text(), m.date, m.replyTo, m.out(), m.editDate() != null,
        m.pinned(), m.action != null, m.silent, m.entities() == null ? List.of() : List.copyOf(m.entities()),
        m.markup() != null, preview);
  }

  @Override
  public String toString() {
    return account.toString();
  }
}
