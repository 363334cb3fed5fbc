package org.blocklist.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@code dig} from BIND's tools, pointed at a loopback port, with the answer section only. */
public final class Dig {
  private final int port;

  public Dig(int port) {
    this.port = port;
  }

  /** {@code dig @127.0.0.1 -p PORT <args> +noall +answer}, its standard output. */
  public String answer(String... args) throws IOException, InterruptedException {
    return Binaries.output(30, command("+noall", "+answer", args));
  }

  /** {@code dig @127.0.0.1 -p PORT <args>} whatever its status. */
  public Binaries.Run run(String... args) throws IOException, InterruptedException {
    return Binaries.run(30, command(null, null, args));
  }

  private List<String> command(String a, String b, String... args) {
    List<String> c = new ArrayList<>();
    c.add(Binaries.require("dig").toString());
    c.add("@127.0.0.1");
    c.add("-p");
    c.add(Integer.toString(port));
    c.add("+time=5");
    c.add("+tries=1");
    if (a != null) {
      c.add(a);
      c.add(b);
    }
    c.addAll(List.of(args));
    return c;
  }
}
