package dev.tgkit.test.internal.server;

import dev.tgkit.mtproto.Invocations;
import dev.tgkit.mtproto.RpcErrors;
import dev.tgkit.mtproto.ServerSession;
import dev.tgkit.test.EmbeddedTelegram;
import dev.tgkit.test.Faults;
import dev.tgkit.test.RequestContext;
import dev.tgkit.test.RpcErrorException;
import dev.tgkit.test.RpcHandler;
import dev.tgkit.test.Services;
import dev.tgkit.test.internal.world.Account;
import dev.tgkit.test.internal.world.World;
import dev.tgkit.tl.TlDecodeException;
import dev.tgkit.tl.TlFunction;
import dev.tgkit.tl.TlObject;
import dev.tgkit.tl.api.NearestDcCtor;
import dev.tgkit.tl.api.TlApi;
import dev.tgkit.tl.api.account.GetPassword;
import dev.tgkit.tl.api.auth.AuthorizationCtor;
import dev.tgkit.tl.api.auth.ExportAuthorization;
import dev.tgkit.tl.api.auth.ImportAuthorization;
import dev.tgkit.tl.api.help.GetConfig;
import dev.tgkit.tl.api.help.GetNearestDc;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes the API requests clients send: unwraps {@code invokeWithLayer} and the other wrappers,
 * applies the {@link Faults} a test set, answers {@code help.getConfig}, {@code
 * help.getNearestDc} and <a
 * href="https://core.telegram.org/api/datacenter#authorization-transfer">authorization
 * transfer</a> itself, refuses what needs a signed-in key before sign-in, and hands the rest to the
 * {@link Services} registry.
 */
public final class RequestExecutor {

  private static final Logger log = LoggerFactory.getLogger(RequestExecutor.class);

  /** Namespaces a client may call before signing in: the rest need an authorization. */
  private static final Set<String> ALLOWED_BEFORE_SIGN_IN =
      Set.of(GetConfig.class.getPackageName(), ExportAuthorization.class.getPackageName());

  /** Methods outside those namespaces a client may call before signing in: the 2FA step. */
  private static final Set<Class<?>> ALLOWED_METHODS_BEFORE_SIGN_IN = Set.of(GetPassword.class);

  private static final String API_PACKAGE = "dev.tgkit.tl.api.";

  private final Cluster cluster;
  private final FaultAction.Schedule faults;
  private final Services services;
  private final World world;
  private final ServerConfig config;

  public RequestExecutor(
      Cluster cluster,
      FaultAction.Schedule faults,
      Services services,
      World world,
      ServerConfig config) {
    this.cluster = cluster;
    this.faults = faults;
    this.services = services;
    this.world = world;
    this.config = config;
  }

  /**
   * Executes one client request, unless a fault says otherwise, and tells the connection what to
   * do with the answer. Called with the request's session locked.
   */
  public Outcome execute(ServerSession.ClientMessage message, RequestContext context) {
    TlFunction<?> request;
    try {
      request = TlApi.readFunction(message.reader());
    } catch (TlDecodeException e) {
      log.info(
          "DC {}: undecodable request 0x{}: {}",
          context.dcId(),
          Integer.toHexString(message.constructorId()),
          e.getMessage());
      return new Outcome.Now(Outcome.Answer.error(message.msgId(), 400, RpcErrors.INPUT_METHOD_INVALID));
    }
    request = Invocations.innermost(request);
    ServerDataCenter dc = cluster.dataCenter(context.dcId());
    FaultAction fault = faults.next(dc.id(), request);
    switch (fault) {
      case null -> {
        return new Outcome.Now(run(dc, request, context));
      }
      case FaultAction.AnswerError e -> {
        log.info("DC {}: injected {} for {}", dc.id(), e.message(), methodName(request));
        return new Outcome.Now(Outcome.Answer.error(message.msgId(), e.code(), e.message()));
      }
      case FaultAction.Delay d -> {
        log.info("DC {}: answering {} after {}", dc.id(), methodName(request), d.delay());
        return new Outcome.Later(run(dc, request, context), d.delay());
      }
      case FaultAction.DropBefore() -> {
        log.info("DC {}: closing the connection on receipt of {}", dc.id(), methodName(request));
        return new Outcome.Drop();
      }
      case FaultAction.Hostile h -> {
        log.info("DC {}: answering {} with {}", dc.id(), methodName(request), h.kind());
        boolean spoilsAnswer =
            h.kind() == Faults.HostileBytes.WRONG_AUTH_KEY_ID
                || h.kind() == Faults.HostileBytes.TAMPERED_MSG_KEY;
        return new Outcome.Hostile(h.kind(), spoilsAnswer ? run(dc, request, context) : null);
      }
      case FaultAction.DropAfter() -> {
        log.info("DC {}: closing the connection after answering {}", dc.id(), methodName(request));
        return new Outcome.ThenClose(run(dc, request, context));
      }
    }
  }

  /** Executes {@code request} and counts it, turning any failure into its rpc_error. */
  private Outcome.Answer run(ServerDataCenter dc, TlFunction<?> request, RequestContext context) {
    dc.executed(request);
    try {
      return Outcome.Answer.result(context.msgId(), answer(dc, request, context));
    } catch (RpcErrorException e) {
      return Outcome.Answer.error(context.msgId(), e.code(), e.errorMessage());
    } catch (RuntimeException e) {
      log.error("DC {}: {} failed", context.dcId(), methodName(request), e);
      return Outcome.Answer.error(context.msgId(), 500, "INTERNAL");
    }
  }

  private TlObject answer(ServerDataCenter dc, TlFunction<?> request, RequestContext context) {
    switch (request) {
      case GetConfig g -> {
        return config.of(dc);
      }
      case GetNearestDc g -> {
        return new NearestDcCtor("NL", dc.id(), dc.id());
      }
      case ExportAuthorization e -> {
        return dc.exportAuthorization(context.authKeyId(), exportTarget(dc, e.dcId()));
      }
      case ImportAuthorization i -> {
        AuthorizationCtor imported = dc.importAuthorization(context.authKeyId(), i.id(), i.bytes());
        Account account = world.account(i.id());
        return account == null
            ? imported
            : new AuthorizationCtor(false, null, null, null, world.user(account, account));
      }
      default -> {
        if (!ALLOWED_BEFORE_SIGN_IN.contains(request.getClass().getPackageName())
            && !ALLOWED_METHODS_BEFORE_SIGN_IN.contains(request.getClass())
            && dc.userOf(context.authKeyId()).isEmpty()) {
          log.info("DC {}: {} before sign-in, answering 401", dc.id(), methodName(request));
          throw new RpcErrorException(401, EmbeddedTelegram.AUTH_KEY_UNREGISTERED);
        }
        return dispatch(request, context);
      }
    }
  }

  /** The data center an authorization is exported to: another one of this Telegram. */
  private ServerDataCenter exportTarget(ServerDataCenter from, int dcId) {
    if (dcId == from.id() || dcId < 1 || dcId > cluster.dataCenters().size()) {
      throw new RpcErrorException(400, EmbeddedTelegram.DC_ID_INVALID);
    }
    return cluster.dataCenter(dcId);
  }

  private <F extends TlFunction<?>> TlObject dispatch(F request, RequestContext context) {
    RpcHandler<F> handler = services.handlerFor(request);
    if (handler == null) {
      log.info(
          "DC {}: no service implements {} (0x{}), answering 400 {}",
          context.dcId(),
          methodName(request),
          Integer.toHexString(request.constructorId()),
          EmbeddedTelegram.METHOD_NOT_IMPLEMENTED);
      throw new RpcErrorException(400, EmbeddedTelegram.METHOD_NOT_IMPLEMENTED);
    }
    return handler.handle(request, context);
  }

  private static String methodName(TlFunction<?> request) {
    String name = request.getClass().getName();
    return name.startsWith(API_PACKAGE) ? name.substring(API_PACKAGE.length()) : name;
  }
}
