package ai.lychee.rerank.functions.aws.results;

import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Results as events on an EventBridge bus: {@code source} from the configuration, {@code detail-type}
 * "Reply Check Result" (or "Rerank Result", "Score Result"), {@code detail} the whole {@link EventResult}, so
 * rules can match on {@code detail.outcome} or {@code detail.result.band}.
 */
final class EventBridgeResultBus implements ResultDestination {

    private final EventBridgeClient events;
    private final String busArn;
    private final String source;

    EventBridgeResultBus(EventBridgeClient events, String busArn, String source) {
        this.events = events;
        this.busArn = busArn;
        this.source = source;
    }

    @Override
    public void send(EventResult result, String body, String detail) {
        PutEventsResponse response = events.putEvents(PutEventsRequest.builder().entries(PutEventsRequestEntry.builder()
                .eventBusName(busArn).source(source).detailType(result.detailType()).detail(detail).build()).build());
        // PutEvents answers 200 with per-entry failures (throttling, an internal error): the result is not on the bus.
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            PutEventsResultEntry failed = response.entries().isEmpty() ? null : response.entries().get(0);
            throw new IllegalStateException("EventBridge did not take the result event for " + result.correlationId() + ": "
                    + (failed == null ? "no entry" : failed.errorCode() + " " + failed.errorMessage()));
        }
    }

    @Override
    public String describe() {
        return "EventBridge bus " + busArn;
    }
}
