package io.steadfast.http.internal;

import io.steadfast.http.Principal;
import io.steadfast.http.Role;
import io.steadfast.model.Instance;
import io.steadfast.model.ServiceDefinition;
import io.steadfast.spi.result.ResultEvent;
import java.util.List;

/**
 * What callers other than admins see of a service's process control ({@code pidFile},
 * {@code stopCommand}, {@code startCommand}): that it is set, never what it says, in the service and
 * in the messages of its results.
 */
final class Redacted {

    private static final String REDACTED = "<redacted>";

    private Redacted() {
    }

    /** The service as the caller may see it: process control is for admins' eyes only. */
    static ServiceDefinition service(Principal caller, ServiceDefinition service) {
        if (caller.role() == Role.ADMIN) {
            return service;
        }
        List<Instance> instances = service.instances().stream().map(i -> new Instance(i.id(), i.zone(),
                redact(i.pidFile()), redact(i.stopCommand()), redact(i.startCommand()))).toList();
        return new ServiceDefinition(service.id(), service.name(), service.team(), service.tier(),
                service.environment(), service.tags(), service.standard(), service.healthChecks(), instances,
                service.dependencies());
    }

    /** {@code text} with every process-control string of the service hidden, for callers other than admins. */
    static String text(Principal caller, ServiceDefinition service, String text) {
        if (caller.role() == Role.ADMIN || text == null) {
            return text;
        }
        String shown = text;
        for (Instance i : service.instances()) {
            for (String secret : new String[] {i.stopCommand(), i.startCommand(), i.pidFile()}) {
                if (secret != null && !secret.isBlank()) {
                    shown = shown.replace(secret, REDACTED);
                }
            }
        }
        return shown;
    }

    private static String redact(String value) {
        return value == null ? null : REDACTED;
    }

    /** The result as the caller may see it: its message without the service's process control. */
    static ResultEvent result(Principal caller, ServiceDefinition service, ResultEvent r) {
        String message = text(caller, service, r.message());
        return message == null || message.equals(r.message()) ? r : new ResultEvent(r.schemaVersion(), r.resultId(),
                r.service(), r.suite(), r.test(), r.target(), r.status(), r.startedAt(), r.finishedAt(),
                r.serviceVersion(), r.environment(), r.source(), r.runId(), r.measurements(), message);
    }
}
