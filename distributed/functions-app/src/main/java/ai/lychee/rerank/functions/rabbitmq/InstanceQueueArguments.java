package ai.lychee.rerank.functions.rabbitmq;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Map;

/**
 * Arguments of this instance's own queues (replies, dead jobs): not auto-delete, so replies published
 * while the connection is briefly cut wait for the reconnect; but gone a while after the instance is
 * (x-expires), so instances that come and go (Lambda) leave nothing behind.
 */
@ApplicationScoped
public class InstanceQueueArguments {

    public static final String ID = "lychee-instance-queue";

    @Produces
    @Identifier(ID)
    Map<String, Object> arguments() {
        return Map.of("x-expires", 120_000);
    }
}
