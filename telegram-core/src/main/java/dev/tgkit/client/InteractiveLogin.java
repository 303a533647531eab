package dev.tgkit.client;

import dev.tgkit.client.types.LoginToken;
import dev.tgkit.client.types.PasswordToken;
import dev.tgkit.client.types.SignInResult;
import dev.tgkit.client.types.User;
import dev.tgkit.mtproto.RpcError;
import dev.tgkit.mtproto.RpcErrors;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * {@link Client#interactiveLogin()}: the sign-in dialogue, with the questions put to a terminal
 * or to a function of the application's. It goes through the client's public sign-in methods.
 */
final class InteractiveLogin {

  private InteractiveLogin() {}

  /** Asks on the console, or on standard input and output without one; a password is not echoed. */
  static UnaryOperator<@Nullable String> terminal() {
    Console console = System.console();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    return prompt -> {
      if (console != null) {
        return prompt.endsWith("password: ") ? new String(console.readPassword("%s", prompt)) : console.readLine("%s", prompt);
      }
      System.out.print(prompt);
      System.out.flush();
      try {
        return in.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  /**
   * Signs {@code client} in unless it is already: as the bot whose token is given or asked for,
   * else as the user of the phone number, asking for the login code again while it is mistyped
   * and for the password (unless given) while it is wrong.
   */
  static User run(Client client, @Nullable String phoneOrToken, @Nullable String password,
      UnaryOperator<@Nullable String> ask) {
    Optional<User> me = client.getMe();
    if (me.isPresent()) {
      return me.get();
    }
    String who = phoneOrToken != null ? phoneOrToken.strip()
        : answer(ask, "Phone number (international format) or bot token: ");
    if (who.contains(":")) {
      return client.botSignIn(who);
    }
    LoginToken token = client.requestLoginCode(who);
    while (true) {
      SignInResult result;
      try {
        result = client.signIn(token, answer(ask, "Login code: "));
      } catch (RpcError e) {
        if (e.is(RpcErrors.PHONE_CODE_INVALID)) {
          continue; // the code was mistyped: ask again
        }
        throw e;
      }
      if (result instanceof User user) {
        return user;
      }
      PasswordToken passwordToken = (PasswordToken) result;
      if (password != null) {
        return client.checkPassword(passwordToken, password);
      }
      while (true) {
        String hint = passwordToken.hint().map(h -> " (hint: " + h + ")").orElse("");
        try {
          return client.checkPassword(passwordToken, answer(ask, "Two-step verification" + hint + " password: "));
        } catch (RpcError e) {
          if (!e.is(RpcErrors.PASSWORD_HASH_INVALID)) {
            throw e;
          }
          passwordToken = client.freshPasswordToken(); // each check needs fresh SRP parameters
        }
      }
    }
  }

  private static String answer(UnaryOperator<@Nullable String> ask, String prompt) {
    String line = ask.apply(prompt);
    if (line == null) {
      throw new IllegalStateException("the input ended before the sign-in did");
    }
    return line.strip();
  }
}
