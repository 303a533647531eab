package dev.tgkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tgkit.client.types.User;
import dev.tgkit.mtproto.RpcError;
import dev.tgkit.session.MemoryStorage;
import dev.tgkit.session.Storage;
import dev.tgkit.test.EmbeddedTelegram;
import dev.tgkit.test.EmbeddedTelegramExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Client.interactiveLogin, answered by a script or by standard input, against the embedded Telegram. */
class InteractiveLoginEndToEndTest {

  private static final String TOKEN = "424242:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

  @RegisterExtension
  final EmbeddedTelegramExtension extension = new EmbeddedTelegramExtension(EmbeddedTelegram::builder);

  private final List<Client> clients = new ArrayList<>();

  @AfterEach
  void close() {
    clients.forEach(Client::close);
  }

  private Client connected(EmbeddedTelegram telegram, Storage storage) {
    Client client = telegram.clientBuilder().storage(storage).build();
    clients.add(client);
    client.connect();
    return client;
  }

  /** Answers prompts from a list, recording each prompt; null once the answers run out. */
  private static final class Script implements UnaryOperator<@Nullable String> {
    final List<String> prompts = new ArrayList<>();
    private final Deque<String> answers;

    Script(String... answers) {
      this.answers = new ArrayDeque<>(List.of(answers));
    }

    @Override
    public @Nullable String apply(@Nullable String prompt) {
      prompts.add(prompt);
      return answers.pollFirst();
    }
  }

  @Test
  void aMistypedCodeAndAWrongPasswordAreAskedForAgainUntilTheSignInSucceeds(EmbeddedTelegram telegram) {
    telegram.createUser("9996612345", "Alice").setPassword("correct horse");
    Client alice = connected(telegram, new MemoryStorage());
    Script script = new Script(" +999 661 2345 ", "22222", "11111", "wrong", "correct horse");

    User me = alice.interactiveLogin(script);

    assertThat(me.firstName()).isEqualTo("Alice");
    assertThat(alice.isAuthorized()).isTrue();
    assertThat(script.prompts).hasSize(5);
    assertThat(script.prompts.get(0)).startsWith("Phone number");
    assertThat(script.prompts.subList(1, 3)).containsOnly("Login code: ");
    assertThat(script.prompts.subList(3, 5)).allSatisfy(p -> assertThat(p).endsWith("password: "));
  }

  @Test
  void aSignedInSessionIsAskedNothing(EmbeddedTelegram telegram) {
    telegram.createUser("9996612345", "Alice");
    MemoryStorage storage = new MemoryStorage();
    Client first = connected(telegram, storage);
    first.interactiveLogin(new Script("9996612345", "11111"));
    first.disconnect();

    Client again = connected(telegram, storage);
    Script none = new Script();
    assertThat(again.interactiveLogin(none).firstName()).isEqualTo("Alice");
    assertThat(none.prompts).isEmpty();
  }

  @Test
  void aBotTokenAnsweredAtThePhonePromptSignsInTheBot(EmbeddedTelegram telegram) {
    telegram.createBot(TOKEN, "echo_bot");
    Client bot = connected(telegram, new MemoryStorage());
    Script script = new Script(TOKEN);

    User me = bot.interactiveLogin(script);

    assertThat(me.bot()).isTrue();
    assertThat(me.username()).contains("echo_bot");
    assertThat(script.prompts).hasSize(1);
  }

  @Test
  void inputEndingBeforeTheSignInIsAClearErrorAndTheClientStaysSignedOut(EmbeddedTelegram telegram) {
    telegram.createUser("9996612345", "Alice");
    Client alice = connected(telegram, new MemoryStorage());

    assertThatThrownBy(() -> alice.interactiveLogin(new Script("9996612345")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("input ended");
    assertThat(alice.isAuthorized()).isFalse();
  }

  @Test
  void aGivenPhoneAndPasswordLeaveOnlyTheCodeToStandardInputAndAWrongGivenPasswordIsRaised(EmbeddedTelegram telegram) {
    telegram.createUser("9996612345", "Alice").setPassword("correct horse");
    telegram.createUser("9996612346", "Bob").setPassword("battery staple");
    InputStream in = System.in;
    PrintStream out = System.out;
    ByteArrayOutputStream shown = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(shown, true, StandardCharsets.UTF_8));
      System.setIn(new ByteArrayInputStream("11111\n".getBytes(StandardCharsets.UTF_8)));
      assertThat(connected(telegram, new MemoryStorage()).interactiveLogin("9996612345", "correct horse").firstName())
          .isEqualTo("Alice");
      assertThat(shown.toString(StandardCharsets.UTF_8)).isEqualTo("Login code: ");

      System.setIn(new ByteArrayInputStream("11111\n".getBytes(StandardCharsets.UTF_8)));
      Client bob = connected(telegram, new MemoryStorage());
      assertThatThrownBy(() -> bob.interactiveLogin("9996612346", "not it"))
          .isInstanceOfSatisfying(RpcError.class, e -> assertThat(e.name()).isEqualTo("PASSWORD_HASH_INVALID"));
      assertThat(bob.isAuthorized()).isFalse();
    } finally {
      System.setIn(in);
      System.setOut(out);
    }
  }
}
