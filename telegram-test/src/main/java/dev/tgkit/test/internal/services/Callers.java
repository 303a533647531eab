package dev.tgkit.test.internal.services;

import dev.tgkit.test.EmbeddedTelegram;
import dev.tgkit.test.RequestContext;
import dev.tgkit.test.RpcErrorException;
import dev.tgkit.test.internal.server.Cluster;
import dev.tgkit.test.internal.world.Account;
import dev.tgkit.test.internal.world.World;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Who sent a request: the account its auth key is signed in as, which the services answer for. */
public final class Callers {

  private static final Logger log = LoggerFactory.getLogger(Callers.class);

  private final Cluster cluster;
  private final World world;

  public Callers(Cluster cluster, World world) {
    this.cluster = cluster;
    this.world = world;
  }

  /** The account the request's auth key is signed in as; 401 AUTH_KEY_UNREGISTERED otherwise. */
  public Account accountOf(RequestContext context) {
    long id = cluster.dataCenter(context.dcId()).userOf(context.authKeyId()).orElse(0);
    Account account = world.account(id);
    if (account == null) {
      // A key a test signed in with TestDataCenter.authorize as a user the world does not have.
      log.info("DC {}: user {} has no account in this world", context.dcId(), id);
      throw new RpcErrorException(401, EmbeddedTelegram.AUTH_KEY_UNREGISTERED);
    }
    return account;
  }
}
