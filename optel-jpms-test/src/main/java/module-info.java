/**
 * An application module that only knows optel; its tests run it on the module path. The JDK's HTTP
 * modules are optional here too: only {@code HttpApp} uses them, and the tests add them with {@code
 * --add-modules} to run it.
 */
module dev.optel.jpmsapp {
  requires dev.optel;
  requires static java.net.http;
  requires static jdk.httpserver;
}
