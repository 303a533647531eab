/**
 * SOCKS5 and HTTP CONNECT proxies on loopback, for testing clients that connect through one; the
 * two servers share the listening and relaying in {@link
 * dev.tgkit.test.internal.proxy.ProxyServerCore}.
 *
 * <p>Not API: public only so that tests of proxy support can start them; they may change in any
 * release.
 */
@NullMarked
package dev.tgkit.test.internal.proxy;

import org.jspecify.annotations.NullMarked;
