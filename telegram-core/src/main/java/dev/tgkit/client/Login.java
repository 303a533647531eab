package dev.tgkit.client;

import dev.tgkit.client.types.LoginToken;
import dev.tgkit.client.types.PasswordToken;
import dev.tgkit.client.types.SignInResult;
import dev.tgkit.client.types.User;
import dev.tgkit.crypto.Srp;
import dev.tgkit.mtproto.RpcError;
import dev.tgkit.mtproto.RpcErrors;
import dev.tgkit.tl.Bytes;
import dev.tgkit.tl.api.CodeSettingsCtor;
import dev.tgkit.tl.api.InputCheckPasswordSRPCtor;
import dev.tgkit.tl.api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow;
import dev.tgkit.tl.api.account.GetPassword;
import dev.tgkit.tl.api.account.PasswordCtor;
import dev.tgkit.tl.api.auth.Authorization;
import dev.tgkit.tl.api.auth.AuthorizationCtor;
import dev.tgkit.tl.api.auth.AuthorizationSignUpRequired;
import dev.tgkit.tl.api.auth.CheckPassword;
import dev.tgkit.tl.api.auth.ImportBotAuthorization;
import dev.tgkit.tl.api.auth.SendCode;
import dev.tgkit.tl.api.auth.SentCode;
import dev.tgkit.tl.api.auth.SentCodeCtor;
import dev.tgkit.tl.api.auth.SentCodePaymentRequired;
import dev.tgkit.tl.api.auth.SentCodeSuccess;
import dev.tgkit.tl.api.auth.SignIn;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * The sign-in flows (<a href="https://core.telegram.org/api/auth">user authorization</a>, <a
 * href="https://core.telegram.org/api/bots">bots</a>, <a
 * href="https://core.telegram.org/api/srp">two-step verification</a>): each ends with the
 * signed-in user, which the caller records. Migrate errors on the way are the client's routing's
 * to follow. Nothing secret (tokens, numbers, codes, passwords) reaches a message or a log.
 */
final class Login {

  private static final Pattern BOT_TOKEN = Pattern.compile("\\d{1,20}:[A-Za-z0-9_-]{20,}");
  private static final Pattern PHONE = Pattern.compile("\\d{5,20}");

  private final int apiId;
  private final String apiHash;
  private final RandomGenerator random;

  Login(int apiId, String apiHash, RandomGenerator random) {
    this.apiId = apiId;
    this.apiHash = apiHash;
    this.random = random;
  }

  User botSignIn(Rpc client, String token) {
    if (!BOT_TOKEN.matcher(token).matches()) {
      throw new IllegalArgumentException(
          "a bot token is the bot's id, a colon and at least 20 characters of base64, as @BotFather gives it;"
              + " the one given (" + token.length() + " characters) is not");
    }
    return user(client.invoke(new ImportBotAuthorization(0, apiId, apiHash, token)));
  }

  LoginToken requestLoginCode(Rpc client, String phone) {
    String digits = phone.replaceAll("[\\s()+.-]", "");
    if (!PHONE.matcher(digits).matches()) {
      throw new IllegalArgumentException(
          "a phone number is in international format, country code first (+ and spaces allowed);"
              + " the one given is not");
    }
    SentCode sent = client.invoke(new SendCode(digits, apiId, apiHash, CodeSettingsCtor.builder().build()));
    return switch (sent) {
      case SentCodeCtor c -> new LoginToken(digits, c.phoneCodeHash());
      case SentCodeSuccess s -> throw new IllegalStateException(
          "Telegram signed this number in without a code (a future auth token); this client sends none");
      case SentCodePaymentRequired p -> throw new IllegalStateException(
          "Telegram asks for a payment before sending a login code to this number");
    };
  }

  SignInResult signIn(Rpc client, LoginToken token, String code) {
    if (code.isBlank()) {
      throw new IllegalArgumentException("the login code is empty");
    }
    try {
      return user(client.invoke(new SignIn(token.phone(), token.phoneCodeHash(), code.strip(), null)));
    } catch (RpcError e) {
      if (e.is(RpcErrors.SESSION_PASSWORD_NEEDED)) {
        return passwordToken(client);
      }
      throw e;
    }
  }

  PasswordToken passwordToken(Rpc client) {
    if (!(client.invoke(new GetPassword()) instanceof PasswordCtor password)) {
      throw new IllegalStateException("Telegram did not describe the account's password");
    }
    return new PasswordToken(password);
  }

  User checkPassword(Rpc client, PasswordToken token, byte[] password) {
    PasswordCtor p = token.raw();
    if (!(p.currentAlgo() instanceof PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow algo)
        || p.srpB() == null || p.srpId() == null) {
      throw new IllegalStateException("the account's password uses a scheme this client does not know");
    }
    byte[] a = new byte[256];
    random.nextBytes(a);
    Srp.SrpAnswer answer;
    try {
      answer = Srp.answer(password, algo.salt1().toByteArray(), algo.salt2().toByteArray(), algo.g(),
          algo.p().toByteArray(), p.srpB().toByteArray(), a);
    } finally {
      Arrays.fill(a, (byte) 0);
    }
    return user(client.invoke(new CheckPassword(
        new InputCheckPasswordSRPCtor(p.srpId(), Bytes.wrap(answer.a()), Bytes.wrap(answer.m1())))));
  }

  static byte[] utf8(String password) {
    return password.getBytes(StandardCharsets.UTF_8);
  }

  private static User user(Authorization authorization) {
    return switch (authorization) {
      case AuthorizationCtor a -> User.of(a.user());
      case AuthorizationSignUpRequired s -> throw new IllegalStateException(
          "this number has no Telegram account; sign it up with an official app first");
    };
  }
}
