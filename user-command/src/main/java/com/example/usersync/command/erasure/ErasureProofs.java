package com.example.usersync.command.erasure;

import com.example.usersync.command.config.UserCommandSettings;
import com.example.usersync.command.tools.KnownTools;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The proof of each erasure as the API and the console show it: the request from the erasure
 * journal (which outlives restores of the event store), each required tool's confirmation from the
 * ledger, what is still pending and whether it is overdue.
 */
@Service
public class ErasureProofs {

    private final ErasureRequests requests;
    private final ErasureConfirmations confirmations;
    private final ErasureJournal journal;
    private final KnownTools tools;
    private final ErasureDeadline deadline;

    ErasureProofs(
            ErasureRequests requests,
            ErasureConfirmations confirmations,
            ErasureJournal journal,
            KnownTools tools,
            UserCommandSettings settings,
            Clock clock) {
        this.requests = requests;
        this.confirmations = confirmations;
        this.journal = journal;
        this.tools = tools;
        this.deadline = new ErasureDeadline(settings.erasure().deadline(), clock);
    }

    /** The user's erasure; empty when the user was never deleted. */
    @Transactional(readOnly = true)
    public Optional<ErasureView> of(UUID userId) {
        return journal.find(userId)
                .or(() -> requests.findById(userId).map(ErasureProofs::entry))
                .map(this::view);
    }

    /** Up to {@code limit} erasures requested after the given one (null for the first), oldest request first. */
    @Transactional(readOnly = true)
    public List<ErasureView> after(Instant afterAt, UUID afterId, int limit) {
        return views(journal.requestedAfter(afterAt, afterId, limit));
    }

    /** Views of a page of journal entries, in their order: one query for the ledger's requests, one for its confirmations. */
    List<ErasureView> views(List<ErasureJournal.Entry> page) {
        List<UUID> ids = page.stream().map(ErasureJournal.Entry::userId).toList();
        Map<UUID, String> deletions = new HashMap<>();
        requests.findAllById(ids).forEach(request -> deletions.put(request.userId(), request.deletionEventId()));
        Map<UUID, List<ErasureConfirmation>> confirmed = confirmations.findByKeyUserIdInOrderByKeyToolAsc(ids).stream()
                .collect(Collectors.groupingBy(ErasureConfirmation::userId));
        List<String> required = tools.names();
        return page.stream()
                .map(entry -> view(
                        entry,
                        Optional.ofNullable(deletions.get(entry.userId())),
                        confirmed.getOrDefault(entry.userId(), List.of()),
                        required))
                .toList();
    }

    private static ErasureJournal.Entry entry(ErasureRequest request) {
        return new ErasureJournal.Entry(
                request.userId(),
                request.deletionEventId(),
                request.requestedAt(),
                request.reason(),
                request.requestedBy(),
                request.actor());
    }

    private ErasureView view(ErasureJournal.Entry request) {
        return view(
                request,
                requests.findById(request.userId()).map(ErasureRequest::deletionEventId),
                confirmations.findByKeyUserIdOrderByKeyToolAsc(request.userId()),
                tools.names());
    }

    /**
     * @param ledgerDeletion the deletion the event store's ledger names for the user, if any
     * @param required the known tools, each of which must confirm (read once per page, not per erasure)
     */
    private ErasureView view(
            ErasureJournal.Entry request,
            Optional<String> ledgerDeletion,
            List<ErasureConfirmation> confirmations,
            List<String> required) {
        String reapplied = ledgerDeletion
                .filter(id -> !id.equals(request.deletionEventId()))
                .orElse(null);
        List<ErasureView.Confirmation> confirmed = confirmations.stream()
                .map(c -> new ErasureView.Confirmation(c.tool(), c.erasedAt(), c.confirmedAt()))
                .toList();
        Set<String> pending = new TreeSet<>(required);
        confirmed.forEach(c -> pending.remove(c.tool()));
        // No known tool yet (the tool-sync service was never reached): not complete, however few confirmed.
        boolean complete = !required.isEmpty() && pending.isEmpty();
        Instant due = deadline.dueFor(request.requestedAt());
        return new ErasureView(
                request.userId(),
                request.requestedAt(),
                request.reason(),
                request.requestedBy(),
                request.actor(),
                request.deletionEventId(),
                reapplied,
                required,
                confirmed,
                List.copyOf(pending),
                complete,
                due,
                deadline.overdue(request.requestedAt(), !complete));
    }
}
