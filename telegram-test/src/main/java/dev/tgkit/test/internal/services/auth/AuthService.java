package dev.tgkit.test.internal.services.auth;

import dev.tgkit.mtproto.RpcErrors;
import dev.tgkit.test.EmbeddedTelegram;
import dev.tgkit.test.RequestContext;
import dev.tgkit.test.RpcErrorException;
import dev.tgkit.test.Services;
import dev.tgkit.test.internal.server.Cluster;
import dev.tgkit.test.internal.server.ServerDataCenter;
import dev.tgkit.test.internal.world.Account;
import dev.tgkit.test.internal.world.World;
import dev.tgkit.tl.Bytes;
import dev.tgkit.tl.api.InputCheckPasswordSRPCtor;
import dev.tgkit.tl.api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow;
import dev.tgkit.tl.api.SecurePasswordKdfAlgoPBKDF2HMACSHA512iter100000;
import dev.tgkit.tl.api.account.GetPassword;
import dev.tgkit.tl.api.account.PasswordCtor;
import dev.tgkit.tl.api.auth.AuthorizationCtor;
import dev.tgkit.tl.api.auth.CheckPassword;
import dev.tgkit.tl.api.auth.ImportBotAuthorization;
import dev.tgkit.tl.api.auth.LogOut;
import dev.tgkit.tl.api.auth.LoggedOutCtor;
import dev.tgkit.tl.api.auth.SendCode;
import dev.tgkit.tl.api.auth.SentCodeCtor;
import dev.tgkit.tl.api.auth.SentCodeTypeApp;
import dev.tgkit.tl.api.auth.SentCodeTypeSms;
import dev.tgkit.tl.api.auth.SignIn;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing in, as Telegram does it (<a href="https://core.telegram.org/api/auth">user
 * authorization</a>, <a href="https://core.telegram.org/api/srp">two-step verification</a>, <a
 * href="https://core.telegram.org/api/bots">bots</a>):
 *
 * <ul>
 *   <li>{@code auth.sendCode} answers {@code PHONE_MIGRATE_N} on a data center other than the
 *       account's, else a {@code phone_code_hash}. A test number {@code 99966XYYYY} gets the code
 *       X repeated five times, as on Telegram's test servers; any other gets five random digits,
 *       which tests read with {@link EmbeddedTelegram#lastCode}.
 *   <li>{@code auth.signIn} checks the code ({@code PHONE_CODE_EMPTY}, {@code PHONE_CODE_INVALID},
 *       {@code PHONE_CODE_EXPIRED} after {@link #CODE_LIFETIME} or for another hash), refuses a
 *       number with no account ({@code PHONE_NUMBER_UNOCCUPIED}: there is no sign-up), and asks for
 *       the password with 401 {@code SESSION_PASSWORD_NEEDED} when the account has one.
 *   <li>{@code account.getPassword} offers a fresh SRP {@code B} with its {@code srp_id};
 *       {@code auth.checkPassword} verifies {@code M1} against it ({@code PASSWORD_HASH_INVALID},
 *       {@code SRP_ID_INVALID}); each offer is good for one attempt.
 *   <li>{@code auth.importBotAuthorization} takes a bot's token ({@code ACCESS_TOKEN_INVALID}) on
 *       the bot's data center ({@code USER_MIGRATE_N} elsewhere).
 *   <li>{@code auth.logOut} signs the auth key out.
 * </ul>
 */
public final class AuthService {

  private static final Logger log = LoggerFactory.getLogger(AuthService.class);

  /** How long a login code is accepted. */
  static final Duration CODE_LIFETIME = Duration.ofMinutes(5);

  private static final Pattern TEST_NUMBER = Pattern.compile("99966([0-9])[0-9]{4}");

  private record Pending(String hash, String code, long expiresAtMillis) {
    @Override
    public String toString() {
      return "Pending[hidden]";
    }
  }

  private record KeyRef(int dcId, long authKeyId) {}

  private record Offer(long srpId, SrpServer.Challenge challenge) {}

  private final Cluster cluster;
  private final World world;
  private final Clock clock;
  private final RandomGenerator random;
  private final Map<String, Pending> pending = new HashMap<>();
  private final Map<String, String> lastCodes = new HashMap<>();
  private final Map<KeyRef, Long> awaitingPassword = new HashMap<>();
  private final Map<Long, Offer> offers = new HashMap<>();
  private volatile @Nullable BiConsumer<String, String> codeListener;

  public AuthService(Cluster cluster, World world, Clock clock, RandomGenerator random) {
    this.cluster = cluster;
    this.world = world;
    this.clock = clock;
    this.random = random;
  }

  public void register(Services services) {
    services
        .registerDefault(SendCode.class, (r, c) -> sendCode(r, c))
        .registerDefault(SignIn.class, (r, c) -> signIn(r, c))
        .registerDefault(GetPassword.class, (r, c) -> password(c))
        .registerDefault(CheckPassword.class, (r, c) -> checkPassword(r, c))
        .registerDefault(ImportBotAuthorization.class, (r, c) -> importBot(r, c))
        .registerDefault(LogOut.class, (r, c) -> logOut(c));
  }

  /** The last code sent to {@code phone} (digits only), if any was. */
  public synchronized Optional<String> lastCode(String phone) {
    return Optional.ofNullable(lastCodes.get(phone));
  }

  /** Tells {@code listener} each code sent, as a phone's SMS would; for the standalone runner. */
  public void onCode(BiConsumer<String, String> listener) {
    this.codeListener = listener;
  }

  private synchronized SentCodeCtor sendCode(SendCode request, RequestContext context) {
    checkApi(request.apiId(), request.apiHash());
    String phone = phone(request.phoneNumber());
    Account account = world.byPhone(phone);
    if (account != null && account.homeDc != context.dcId()) {
      throw new RpcErrorException(303, RpcErrors.PHONE_MIGRATE + "_" + account.homeDc);
    }
    Matcher test = TEST_NUMBER.matcher(phone);
    String code = test.matches() ? test.group(1).repeat(5) : String.format("%05d", random.nextInt(100_000));
    byte[] hashBytes = new byte[8];
    random.nextBytes(hashBytes);
    String hash = HexFormat.of().formatHex(hashBytes);
    pending.put(phone, new Pending(hash, code, clock.millis() + CODE_LIFETIME.toMillis()));
    lastCodes.put(phone, code);
    BiConsumer<String, String> listener = codeListener;
    if (listener != null) {
      listener.accept(phone, code);
    }
    // Telegram sends the code in the app when the account has a signed-in session, else by SMS.
    boolean inApp = account != null && cluster.signedIn(account.id);
    return new SentCodeCtor(inApp ? new SentCodeTypeApp(5) : new SentCodeTypeSms(5), hash, null, null);
  }

  private synchronized AuthorizationCtor signIn(SignIn request, RequestContext context) {
    String phone = phone(request.phoneNumber());
    Pending p = pending.get(phone);
    if (request.phoneCodeHash().isEmpty()) {
      throw new RpcErrorException(400, RpcErrors.PHONE_CODE_HASH_EMPTY);
    }
    if (p == null || !p.hash().equals(request.phoneCodeHash())) {
      throw new RpcErrorException(400, RpcErrors.PHONE_CODE_EXPIRED);
    }
    if (clock.millis() > p.expiresAtMillis()) {
      pending.remove(phone);
      throw new RpcErrorException(400, RpcErrors.PHONE_CODE_EXPIRED);
    }
    String code = request.phoneCode();
    if (code == null || code.isEmpty()) {
      throw new RpcErrorException(400, RpcErrors.PHONE_CODE_EMPTY);
    }
    if (!code.equals(p.code())) {
      throw new RpcErrorException(400, RpcErrors.PHONE_CODE_INVALID);
    }
    Account account = world.byPhone(phone);
    if (account == null) {
      throw new RpcErrorException(400, RpcErrors.PHONE_NUMBER_UNOCCUPIED);
    }
    if (account.homeDc != context.dcId()) {
      throw new RpcErrorException(303, RpcErrors.PHONE_MIGRATE + "_" + account.homeDc);
    }
    pending.remove(phone);
    if (hasPassword(account)) {
      awaitingPassword.put(new KeyRef(context.dcId(), context.authKeyId()), account.id);
      throw new RpcErrorException(401, RpcErrors.SESSION_PASSWORD_NEEDED);
    }
    return authorize(account, context);
  }

  private synchronized PasswordCtor password(RequestContext context) {
    Account account = passwordAccount(context);
    PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow newAlgo =
        algo(bytes(8), bytes(16));
    SecurePasswordKdfAlgoPBKDF2HMACSHA512iter100000 secureAlgo =
        new SecurePasswordKdfAlgoPBKDF2HMACSHA512iter100000(Bytes.wrap(bytes(8)));
    SrpServer.Verifier verifier;
    synchronized (world) {
      verifier = account.password();
    }
    if (verifier == null) {
      return PasswordCtor.builder(newAlgo, secureAlgo, Bytes.wrap(bytes(32))).build();
    }
    SrpServer.Challenge challenge = SrpServer.challenge(verifier, random);
    long srpId = random.nextLong();
    offers.put(account.id, new Offer(srpId, challenge));
    return PasswordCtor.builder(newAlgo, secureAlgo, Bytes.wrap(bytes(32)))
        .hasPassword(true)
        .currentAlgo(algo(verifier.salt1(), verifier.salt2()))
        .srpB(Bytes.wrap(challenge.srpB()))
        .srpId(srpId)
        .build();
  }

  private synchronized AuthorizationCtor checkPassword(CheckPassword request, RequestContext context) {
    Account account = passwordAccount(context);
    if (!(request.password() instanceof InputCheckPasswordSRPCtor srp)) {
      throw new RpcErrorException(400, RpcErrors.PASSWORD_HASH_INVALID);
    }
    Offer offer = offers.get(account.id);
    if (offer == null || offer.srpId() != srp.srpId()) {
      throw new RpcErrorException(400, RpcErrors.SRP_ID_INVALID);
    }
    offers.remove(account.id); // one attempt per offer: guessing needs a round trip each
    SrpServer.Verifier current;
    synchronized (world) {
      current = account.password();
    }
    if (current != offer.challenge().verifier()
        || !SrpServer.verify(offer.challenge(), srp.a().toByteArray(), srp.m1().toByteArray())) {
      log.info("DC {}: wrong password for {}", context.dcId(), account);
      throw new RpcErrorException(400, RpcErrors.PASSWORD_HASH_INVALID);
    }
    awaitingPassword.remove(new KeyRef(context.dcId(), context.authKeyId()));
    return authorize(account, context);
  }

  private synchronized AuthorizationCtor importBot(ImportBotAuthorization request, RequestContext context) {
    checkApi(request.apiId(), request.apiHash());
    Account bot = world.byBotToken(request.botAuthToken());
    if (bot == null) {
      throw new RpcErrorException(400, RpcErrors.ACCESS_TOKEN_INVALID);
    }
    if (bot.homeDc != context.dcId()) {
      throw new RpcErrorException(303, RpcErrors.USER_MIGRATE + "_" + bot.homeDc);
    }
    return authorize(bot, context);
  }

  private synchronized LoggedOutCtor logOut(RequestContext context) {
    ServerDataCenter dc = cluster.dataCenter(context.dcId());
    awaitingPassword.remove(new KeyRef(context.dcId(), context.authKeyId()));
    if (!dc.deauthorize(context.authKeyId())) {
      throw new RpcErrorException(401, EmbeddedTelegram.AUTH_KEY_UNREGISTERED);
    }
    return new LoggedOutCtor(null);
  }

  /** The account whose password this key may check: the signed-in one, or the one awaiting it. */
  private Account passwordAccount(RequestContext context) {
    long signedIn = cluster.dataCenter(context.dcId()).userOf(context.authKeyId()).orElse(0);
    Long waiting = awaitingPassword.get(new KeyRef(context.dcId(), context.authKeyId()));
    Account account = world.account(signedIn != 0 ? signedIn : waiting == null ? 0 : waiting);
    if (account == null) {
      throw new RpcErrorException(401, EmbeddedTelegram.AUTH_KEY_UNREGISTERED);
    }
    return account;
  }

  private AuthorizationCtor authorize(Account account, RequestContext context) {
    cluster.dataCenter(context.dcId()).authorize(context.authKeyId(), account.id);
    log.info("DC {}: {} signed in", context.dcId(), account);
    return new AuthorizationCtor(false, null, null, null, world.user(account, account));
  }

  private boolean hasPassword(Account account) {
    synchronized (world) {
      return account.password() != null;
    }
  }

  private static PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow algo(
      byte[] salt1, byte[] salt2) {
    return new PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow(
        Bytes.wrap(salt1), Bytes.wrap(salt2), SrpServer.G, Bytes.wrap(SrpServer.pBytes()));
  }

  private static void checkApi(int apiId, String apiHash) {
    if (apiId <= 0 || apiHash.isEmpty()) {
      throw new RpcErrorException(400, RpcErrors.API_ID_INVALID);
    }
  }

  private static String phone(String phone) {
    try {
      return World.phone(phone);
    } catch (IllegalArgumentException e) {
      throw new RpcErrorException(400, RpcErrors.PHONE_NUMBER_INVALID);
    }
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
