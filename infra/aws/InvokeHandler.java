import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Calls the function's handler as Lambda's managed Java runtime does: the class named in template.yaml
 * (QuarkusStreamHandler for the HTTP function, or the one in the system property lychee.handler: Funqy's
 * FunqyStreamHandler for the event functions), one instance, handleRequest(event, out, context) once per event
 * file, and prints each raw answer, or the error Lambda would record (and retry). Run by invoke-local.sh with
 * function.zip's classpath.
 */
public class InvokeHandler {

    public static void main(String[] args) throws Exception {
        Class<?> contextType = Class.forName("com.amazonaws.services.lambda.runtime.Context");
        long started = System.nanoTime();
        Class<?> handlerType = Class.forName(System.getProperty("lychee.handler", "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler"));
        Object handler = handlerType.getConstructor().newInstance();
        Method handleRequest = handlerType.getMethod("handleRequest", InputStream.class, OutputStream.class, contextType);
        for (String file : args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long start = System.nanoTime();
            String answer;
            try {
                handleRequest.invoke(handler, new ByteArrayInputStream(Files.readAllBytes(Path.of(file))), out, context(contextType));
                answer = out.toString(StandardCharsets.UTF_8);
            } catch (java.lang.reflect.InvocationTargetException failed) {
                answer = "function error (Lambda retries the event): " + failed.getCause();
            }
            System.out.printf("=== %s: %.0f ms (%.0f ms since the handler was loaded)%n%s%n", file,
                    (System.nanoTime() - start) / 1e6, (System.nanoTime() - started) / 1e6, answer);
        }
        System.exit(0);
    }

    /** The few Context values a handler may read; the rest are empty. */
    private static Object context(Class<?> contextType) {
        String requestId = UUID.randomUUID().toString();
        return Proxy.newProxyInstance(InvokeHandler.class.getClassLoader(), new Class<?>[] {contextType},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "getAwsRequestId" -> requestId;
                    case "getFunctionName" -> "lychee-functions";
                    case "getFunctionVersion" -> "$LATEST";
                    case "getRemainingTimeInMillis" -> 30_000;
                    case "getMemoryLimitInMB" -> 1536;
                    default -> method.getReturnType() == String.class ? "" : null;
                });
    }
}
