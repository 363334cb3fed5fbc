package org.blocklist.http;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.EventExecutor;
import java.net.SocketAddress;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.blocklist.principal.Principal;
import org.blocklist.web.Mount;

/**
 * Answers one decoded request: {@link Router} finds the route, {@link AccessGate} admits the
 * caller, the route's handler computes the answer. Every failure on the way is a failed future that
 * {@link ErrorMapper} turns into the answer. Shared by every connection; holds no state of its own.
 */
final class Dispatcher {
  /** A route's handler: answers at once from memory, or later from the store or the writer. */
  @FunctionalInterface
  interface Handler extends Function<ApiRequest, CompletableFuture<ApiResponse>> {}

  private final Map<Route, Handler> handlers;
  private final AccessGate gate;
  private final WriteForwarder forwarder;
  private final Mounted mounted;

  Dispatcher(Map<Route, Handler> handlers, AccessGate gate) {
    this(handlers, gate, null, List.of());
  }

  /**
   * With {@code forwarder}, a write refused by a replica that does not write goes to the writer;
   * {@code mounts}: the faces served under their path prefixes (the console).
   */
  Dispatcher(
      Map<Route, Handler> handlers, AccessGate gate, WriteForwarder forwarder, List<Mount> mounts) {
    this.forwarder = forwarder;
    this.handlers = new EnumMap<>(handlers);
    for (Route r : Route.values()) {
      if (!this.handlers.containsKey(r)) {
        throw new IllegalArgumentException("no handler for route " + r);
      }
    }
    this.gate = requireNonNull(gate, "gate");
    this.mounted = new Mounted(mounts, gate);
  }

  /**
   * The answer to {@code request}, with the route it matched set on {@code exchange} (for the
   * metrics). The handler runs on {@code loop}. {@code clientName}: the subject CN of the
   * connection's verified client certificate, or null.
   */
  CompletableFuture<ApiResponse> answer(
      Exchange exchange,
      Incoming request,
      SocketAddress remote,
      String clientName,
      EventExecutor loop) {
    return answer(exchange, request, remote, clientName, loop, false);
  }

  /** As above; {@code secure} tells a mounted face that the connection is TLS. */
  CompletableFuture<ApiResponse> answer(
      Exchange exchange,
      Incoming request,
      SocketAddress remote,
      String clientName,
      EventExecutor loop,
      boolean secure) {
    Mount mount = mounted.find(request.uri());
    if (mount != null) {
      exchange.mount = mount.prefix();
      return mounted.answer(mount, request, remote, loop, secure);
    }
    Router.Routed routed;
    Map<String, List<String>> query;
    try {
      QueryStringDecoder uri = new QueryStringDecoder(request.uri());
      routed = Router.route(request.head() ? "GET" : request.method(), uri.path());
      exchange.route = routed.route();
      query = uri.parameters();
      checkParameters(routed.route(), query);
    } catch (ApiException e) {
      return CompletableFuture.failedFuture(e);
    } catch (IllegalArgumentException e) {
      // QueryStringDecoder refuses a bad percent-escape in the path or the query
      return CompletableFuture.failedFuture(
          new ApiException(
              HttpResponseStatus.BAD_REQUEST,
              "bad_request",
              "the request URI is not valid: " + e.getMessage()));
    }
    ApiRequest.Builder builder =
        new ApiRequest.Builder(
            routed.route(), routed.variable(), query, request.body(), loop, remote);
    Handler handler = handlers.get(routed.route());
    Function<Principal, CompletableFuture<ApiResponse>> next =
        principal -> run(handler, builder.build(principal));
    CompletableFuture<Principal> admitted =
        gate.admit(routed.route(), request.authorization(), clientName, remote);
    // A cached token is the common case: then the handler runs here, on the event loop.
    CompletableFuture<ApiResponse> answer =
        admitted.isDone() ? admitted.thenCompose(next) : admitted.thenComposeAsync(next, loop);
    return forwarder == null
        ? answer
        : answer.exceptionallyCompose(failure -> forwarder.recover(failure, request));
  }

  /** Unknown query parameters are refused, as unknown JSON fields are. */
  private static void checkParameters(Route route, Map<String, List<String>> query) {
    for (String name : query.keySet()) {
      if (!route.parameters().contains(name)) {
        String shown = name.length() > 40 ? name.substring(0, 40) + "..." : name;
        throw ApiException.badRequest(
            shown
                + ": unknown query parameter (expected: "
                + (route.parameters().isEmpty() ? "none" : String.join(", ", route.parameters()))
                + ")");
      }
    }
  }

  private static CompletableFuture<ApiResponse> run(Handler handler, ApiRequest request) {
    try {
      return handler.apply(request);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * One request's progress: when it began, and the route it matched (null if none) or the prefix of
   * the mount that answered it.
   */
  static final class Exchange {
    final long start;
    Route route;
    String mount;

    Exchange(long start) {
      this.start = start;
    }
  }
}
