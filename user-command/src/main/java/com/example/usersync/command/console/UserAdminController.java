package com.example.usersync.command.console;

import com.example.usersync.command.tools.KnownTools;
import com.example.usersync.command.user.UserCommands;
import com.example.usersync.command.user.UserDirectory;
import com.example.usersync.command.user.UserRejected;
import com.example.usersync.command.user.UserRequests;
import com.example.usersync.command.user.UserView;
import com.example.usersync.events.user.ErasureReason;
import com.example.usersync.events.user.ErasureRequester;
import com.example.usersync.events.user.Plan;
import com.example.usersync.platform.accesslog.AccessLog;
import jakarta.validation.Valid;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The user admin's pages: register, change profile, change access, delete with reason and requester.
 * Forms bind to the API's own request records (the same validation) and send the same commands.
 * Each change form carries the version it showed, sent as the API's {@code If-Match}: a user changed
 * meanwhile is not overwritten, the form says so and shows the current state.
 */
@Controller
class UserAdminController {

    static final String CHANGED_MEANWHILE =
            "This user was changed meanwhile: nothing was saved. Review the current values below and submit again.";

    private final UserCommands commands;
    private final UserDirectory directory;
    private final KnownTools tools;
    private final AccessLog accessLog;
    private final SpringValidatorAdapter validator;

    UserAdminController(
            UserCommands commands,
            UserDirectory directory,
            KnownTools tools,
            AccessLog accessLog,
            jakarta.validation.Validator validator) {
        this.commands = commands;
        this.directory = directory;
        this.tools = tools;
        this.accessLog = accessLog;
        this.validator = new SpringValidatorAdapter(validator);
    }

    /** Blank form fields are absent fields (a merge patch leaves them as they are). */
    @InitBinder
    void blankIsAbsent(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
    }

    @ModelAttribute
    void choices(Model model) {
        model.addAttribute("knownTools", tools.names());
        model.addAttribute("plans", Plan.values());
        model.addAttribute("reasons", ErasureReason.values());
        model.addAttribute("requesters", ErasureRequester.values());
    }

    @GetMapping("/console/admin/users/new")
    String registrationForm() {
        return "console/admin-new";
    }

    @PostMapping("/console/admin/users")
    String register(
            @Valid @ModelAttribute("registration") UserRequests.Registration registration,
            BindingResult invalid,
            Model model,
            RedirectAttributes next) {
        if (invalid.hasErrors()) {
            model.addAttribute("problem", FormProblems.of(invalid));
            return "console/admin-new";
        }
        try {
            UUID id = commands.register(registration);
            next.addFlashAttribute("notice", "Registered at version 0.");
            return "redirect:/console/admin/users/" + id;
        } catch (UserRejected rejected) {
            model.addAttribute("problem", FormProblems.of(rejected));
            return "console/admin-new";
        }
    }

    @GetMapping("/console/admin/users/{id}")
    String user(@PathVariable UUID id, Model model) {
        return show(id, model);
    }

    @PostMapping("/console/admin/users/{id}/profile")
    String changeProfile(
            @PathVariable UUID id,
            @RequestParam long version,
            @Valid @ModelAttribute("profile") UserRequests.ProfileChange change,
            BindingResult invalid,
            Model model,
            RedirectAttributes next) {
        return change(id, invalid, model, next, () -> commands.changeProfile(id, version, change));
    }

    /** No box ticked is no tool: the API replaces the tools as a whole. */
    @PostMapping("/console/admin/users/{id}/access")
    String changeAccess(
            @PathVariable UUID id,
            @RequestParam long version,
            @RequestParam Plan plan,
            @RequestParam(required = false) List<String> tools,
            Model model,
            RedirectAttributes next) {
        UserRequests.AccessChange change = new UserRequests.AccessChange(plan, tools == null ? List.of() : tools);
        BindingResult invalid = new BeanPropertyBindingResult(change, "access");
        validator.validate(change, invalid);
        return change(id, invalid, model, next, () -> commands.changeAccess(id, version, change));
    }

    @PostMapping("/console/admin/users/{id}/delete")
    String delete(
            @PathVariable UUID id,
            @RequestParam long version,
            @Valid @ModelAttribute("deletion") UserRequests.Deletion deletion,
            BindingResult invalid,
            Model model,
            RedirectAttributes next) {
        return change(id, invalid, model, next, () -> commands.delete(id, version, deletion));
    }

    private String change(
            UUID id, BindingResult invalid, Model model, RedirectAttributes next, Supplier<Long> command) {
        if (invalid.hasErrors()) {
            model.addAttribute("problem", FormProblems.of(invalid));
            return show(id, model);
        }
        try {
            long version = command.get();
            next.addFlashAttribute("notice", "Saved: the user is at version " + version + ".");
            return "redirect:/console/admin/users/" + id;
        } catch (UserRejected rejected) {
            model.addAttribute(
                    "problem",
                    rejected.reason() == UserRejected.Reason.STALE_VERSION
                            ? CHANGED_MEANWHILE
                            : FormProblems.of(rejected));
            return show(id, model);
        } catch (ConcurrencyException concurrent) {
            model.addAttribute("problem", CHANGED_MEANWHILE);
            return show(id, model);
        }
    }

    private String show(UUID id, Model model) {
        UserDirectory.Presence presence = directory.presence(id);
        if (presence == UserDirectory.Presence.UNKNOWN) {
            throw new ConsoleNotFound("No user has this id.");
        }
        UserView user = directory.current(id).orElse(null);
        if (user != null) {
            accessLog.record(id, "user");
        }
        model.addAttribute("userId", id);
        model.addAttribute("user", user);
        model.addAttribute("userTools", user == null ? List.of() : user.tools());
        return "console/admin-user";
    }
}
