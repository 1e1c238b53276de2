package ai.lychee.rerank.transport.rabbitmq;

import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The exchanges, queue and bindings one channel needs, declared on every new connection (a broker restart keeps
 * durable ones, but a queue may have expired meanwhile). Read from the channel's settings:
 * {@code exchange.name|type|durable}, {@code queue.name|durable|x-queue-type|x-delivery-limit|x-expires},
 * {@code routing-keys}, {@code binding-arguments} (for a headers exchange: {@code key:value,...}) and the
 * dead-letter set {@code dead-letter-exchange|-exchange-type|-routing-key|-queue-name|-ttl}.
 */
record QueueTopology(String exchange, String exchangeType, boolean exchangeDurable,
                     String queue, boolean queueDurable, Map<String, Object> queueArguments,
                     List<String> routingKeys, Map<String, Object> bindingArguments,
                     Optional<DeadLetters> deadLetters) {

    /** Where the queue's dead-lettered messages go, and the queue that keeps them. */
    record DeadLetters(String exchange, String exchangeType, String routingKey, Optional<String> queue, Optional<Long> ttlMillis) {
    }

    /** The exchange alone, for a publishing channel. */
    static QueueTopology forPublishing(Config config) {
        return new QueueTopology(exchange(config), config.getOptionalValue("exchange.type", String.class).orElse("topic"),
                config.getOptionalValue("exchange.durable", Boolean.class).orElse(true),
                null, true, Map.of(), List.of(), Map.of(), Optional.empty());
    }

    static QueueTopology forConsuming(Config config) {
        String queue = config.getOptionalValue("queue.name", String.class)
                .orElseThrow(() -> new IllegalArgumentException("channel " + channelName(config) + " needs queue.name"));
        Map<String, Object> arguments = new LinkedHashMap<>();
        config.getOptionalValue("queue.x-queue-type", String.class).ifPresent(type -> arguments.put("x-queue-type", type));
        config.getOptionalValue("queue.x-delivery-limit", Long.class).ifPresent(limit -> arguments.put("x-delivery-limit", limit));
        config.getOptionalValue("queue.x-expires", Long.class).ifPresent(expires -> arguments.put("x-expires", expires));
        Optional<DeadLetters> deadLetters = config.getOptionalValue("dead-letter-exchange", String.class).map(dlx -> new DeadLetters(dlx,
                config.getOptionalValue("dead-letter-exchange-type", String.class).orElse("direct"),
                config.getOptionalValue("dead-letter-routing-key", String.class).orElse(queue),
                config.getOptionalValue("dead-letter-queue-name", String.class),
                config.getOptionalValue("dead-letter-ttl", Long.class)));
        deadLetters.ifPresent(dl -> {
            arguments.put("x-dead-letter-exchange", dl.exchange());
            arguments.put("x-dead-letter-routing-key", dl.routingKey());
        });
        List<String> keys = Arrays.stream(config.getOptionalValue("routing-keys", String.class).orElse("#").split(","))
                .map(String::trim).filter(key -> !key.isEmpty()).toList();
        return new QueueTopology(exchange(config), config.getOptionalValue("exchange.type", String.class).orElse("topic"),
                config.getOptionalValue("exchange.durable", Boolean.class).orElse(true),
                queue, config.getOptionalValue("queue.durable", Boolean.class).orElse(true), arguments, keys,
                pairs(config.getOptionalValue("binding-arguments", String.class).orElse("")), deadLetters);
    }

    void declare(Channel channel) throws IOException {
        channel.exchangeDeclare(exchange, exchangeType, exchangeDurable);
        if (queue == null) {
            return;
        }
        if (deadLetters.isPresent()) {
            DeadLetters dl = deadLetters.get();
            channel.exchangeDeclare(dl.exchange(), dl.exchangeType(), true);
            if (dl.queue().isPresent()) {
                Map<String, Object> dlqArguments = new HashMap<>();
                dl.ttlMillis().ifPresent(ttl -> dlqArguments.put("x-message-ttl", ttl));
                channel.queueDeclare(dl.queue().get(), true, false, false, dlqArguments);
                channel.queueBind(dl.queue().get(), dl.exchange(), dl.routingKey());
            }
        }
        channel.queueDeclare(queue, queueDurable, false, false, queueArguments);
        List<String> keys = exchangeType.equals("headers") ? List.of("") : routingKeys;
        for (String key : keys) {
            channel.queueBind(queue, exchange, key, bindingArguments);
        }
    }

    static String channelName(Config config) {
        return config.getOptionalValue("channel-name", String.class).orElse("?");
    }

    private static String exchange(Config config) {
        return config.getOptionalValue("exchange.name", String.class)
                .orElseThrow(() -> new IllegalArgumentException("channel " + channelName(config) + " needs exchange.name"));
    }

    private static Map<String, Object> pairs(String text) {
        Map<String, Object> pairs = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            int colon = pair.indexOf(':');
            if (colon > 0) {
                pairs.put(pair.substring(0, colon).trim(), pair.substring(colon + 1).trim());
            }
        }
        return pairs;
    }
}
