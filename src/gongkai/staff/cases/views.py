"""案件: registration, the case page and one form page per statutory step.

Every change goes through the action layer (``Action.submit``); a view only shows the
action's form, turns ``ActionRefused`` into the error summary and answers success with a
redirect and a flash message (Post/Redirect/Get).
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib import messages
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.agencies.access import may_reveal_personal_data, roles_at
from gongkai.applications.actions import ACTIONS, Action, ActionRefused, RegisterApplication
from gongkai.applications.actions.personal_data import personal_data
from gongkai.applications.choices import Outcome, Status
from gongkai.applications.deadlines import explain_deadline
from gongkai.applications.models import Application

from ..common import (
    deadline_status,
    error_summary,
    refused_page,
    staff_page,
    visible_agencies,
    visible_applications,
)
from .timeline import outcome_basis, timeline

__all__ = ["case", "case_action", "register", "reveal"]

logger = logging.getLogger(__name__)

# Steps that close the case for good: a confirmation page first shows what will happen.
FINAL_ACTIONS: dict[str, str | None] = {
    "answer": None,  # the outcome is chosen in the form
    "expire_correction": Outcome.OTHER_NO_CORRECTION,
    "expire_fee": Outcome.OTHER_FEE_UNPAID,
    "withdraw": Outcome.OTHER_OTHER,
}
# Steps shown as small forms on the case page (or, for the reveal, as its own button), and
# issuing a letter, which the letters block offers beside its draft.
INLINE_ACTIONS = frozenset({"assign", "add_note", "reveal_personal_data", "issue_letter"})

LETTERS_BLOCK = "letters/_case_letters.html"


def _errors_of(form: Form, refused: ActionRefused | None = None) -> list[dict[str, str]]:
    """The error summary, the refusal's field errors added to the form's own."""
    if refused is not None:
        for name, messages_of_field in refused.errors.items():
            for text in messages_of_field:
                if name in form.fields and text not in form.errors.get(name, []):
                    form.add_error(name, text)
    entries = error_summary(form)
    # A refusal without field errors (state, permission, a rule of the action) leads.
    shown = {e["text"] for e in entries}
    leads = refused is not None and (not entries or not refused.errors)
    if leads and refused is not None and refused.message not in shown:
        entries.insert(0, {"text": refused.message, "href": ""})
    return entries


# What a browser's date and time inputs accept as their value (ISO), whatever the locale.
_INPUT_FORMATS = {"date": "%Y-%m-%d", "datetime-local": "%Y-%m-%dT%H:%M"}


def _prepared(form: Form) -> Form:
    """The action's own fields first, the common 日期 and 备注 last; ISO values in date inputs."""
    own = [name for name in form.fields if name not in ("on", "note")]
    form.order_fields([*own, "on", "note"])
    for field in form.fields.values():
        iso = _INPUT_FORMATS.get(getattr(field.widget, "input_type", ""))
        if iso:
            field.widget.format = iso
    return form


def _case_url(app: Application) -> str:
    return reverse("staff:case", args=[app.reference])


def _deadline_text(app: Application) -> str:
    if app.deadline is None:
        return "暂停计时"
    text = app.deadline.isoformat()
    return text + "（期限待核）" if app.deadline_uncertain else text


def _registerable(request: HttpRequest) -> Any:
    """Agencies where the user may register (registrar or administrator there)."""
    agencies = visible_agencies(request).order_by("name")
    if request.user.is_superuser:
        return agencies
    allowed = [a.pk for a in agencies if roles_at(request.user, a) & RegisterApplication.roles]
    return agencies.filter(pk__in=allowed)


@staff_page
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    """登记申请: the registration form; success goes to the new case's page."""
    agencies = _registerable(request)
    context: dict[str, Any] = {
        "title": "登记申请",
        "nav": "register",
        "breadcrumbs": [{"label": "工作台", "url": reverse("staff:home")}, {"label": "登记申请"}],
    }
    if not agencies.exists():
        context["reason"] = "您没有可以登记申请的机关（须为登记员或管理员）。"
        return render(request, "staff/refused.html", context, status=403)
    status = 200
    if request.method == "POST":
        form = RegisterApplication.form(request.POST, agencies=agencies)
        refused: ActionRefused | None = None
        if form.is_valid():
            try:
                app = RegisterApplication.submit(request.user, None, request.POST)
            except ActionRefused as exc:
                refused = exc
            else:
                messages.success(
                    request,
                    f"已登记，案件编号 {app.reference}，答复期限 {_deadline_text(app)}。",
                )
                return HttpResponseRedirect(_case_url(app))
        context["errors"] = _errors_of(form, refused)
        status = refused.http_status if refused is not None else 400
    else:
        form = RegisterApplication.form(agencies=agencies)
        if agencies.count() == 1:
            form.initial["agency"] = agencies.first()
    context["form"] = _prepared(form)
    return render(request, "staff/cases/register.html", context, status=status)


def _visible_case(request: HttpRequest, reference: str) -> Application:
    # A case of another agency answers as one that does not exist.
    app: Application = get_object_or_404(
        visible_applications(request).select_related("assigned_to"), reference=reference
    )
    return app


def _letters_block(request: HttpRequest, app: Application) -> str | None:
    """The letters app's block for this case, or None while it is not wired yet.

    The block (``letters/_case_letters.html``) belongs to the letters developer; until its
    template and URLs exist the case page says so instead of failing.
    """
    try:
        return render_to_string(LETTERS_BLOCK, {"application": app, "app": app}, request=request)
    except TemplateDoesNotExist:
        return None
    except NoReverseMatch:
        logger.warning("letters block on the case page names a URL that is not wired yet")
        return None


def _case_context(request: HttpRequest, app: Application) -> dict[str, Any]:
    user = request.user
    steps = [
        action
        for name, action in ACTIONS.items()
        if name not in INLINE_ACTIONS and action.is_allowed(user, app)
    ]
    assign = ACTIONS["assign"]
    note = ACTIONS["add_note"]
    reveal = ACTIONS["reveal_personal_data"]
    may_reveal = reveal.is_allowed(user, app) and may_reveal_personal_data(user, app.agency)
    return {
        "title": f"案件 {app.reference}",
        "agency": app.agency,
        "nav": "case",
        "breadcrumbs": [
            {"label": "工作台", "url": reverse("staff:home")},
            {"label": f"案件 {app.reference}"},
        ],
        "app": app,
        "deadline": deadline_status(app),
        "explanation": explain_deadline(app),
        "pauses": list(app.pauses.all()),
        "entries": timeline(app),
        "steps": steps,
        "final_steps": set(FINAL_ACTIONS),
        "assign_form": assign.form(application=app) if assign.is_allowed(user, app) else None,
        "note_form": note.form(application=app) if note.is_allowed(user, app) else None,
        "reveal_form": reveal.form(application=app) if may_reveal else None,
        "letters_block": _letters_block(request, app),
        "outcome_basis": outcome_basis(app.outcome) if app.outcome else "",
    }


@staff_page
@require_http_methods(["GET"])
def case(request: HttpRequest, reference: str) -> HttpResponse:
    """The case page: applicant (masked), request, dates, deadline, timeline, steps."""
    app = _visible_case(request, reference)
    return render(request, "staff/cases/case.html", _case_context(request, app))


def _refused_page(
    request: HttpRequest, app: Application, message: str, status: int
) -> HttpResponse:
    return refused_page(request, message, agency=app.agency, status=status)


@staff_page
@require_POST
def reveal(request: HttpRequest, reference: str) -> HttpResponse:
    """查看完整身份信息: run the audited reveal and show the values in this response only."""
    app = _visible_case(request, reference)
    action = ACTIONS["reveal_personal_data"]
    try:
        app = action.submit(request.user, app, request.POST)
    except ActionRefused as exc:
        return _refused_page(request, app, exc.message, exc.http_status)
    context = _case_context(request, app)
    # Shown once, here; never stored in a flash message or a cached page (no-store).
    context["revealed"] = personal_data(app)
    return render(request, "staff/cases/case.html", context)


def _success_message(action: type[Action], app: Application) -> str:
    if action.name == "answer":
        return f"已答复，办理结果：{app.get_outcome_display()}。可在下方出具答复告知书。"
    if app.status == Status.CLOSED and action.name in FINAL_ACTIONS:
        return f"已{action.label.removeprefix('登记')}，本申请已办结：{app.get_outcome_display()}。"
    text = f"已{action.label.removeprefix('登记')}。"
    if action.name == "request_correction" and app.correction_due_on:
        return text + f"补正期限 {app.correction_due_on.isoformat()}，收到补正后答复期限重新起算。"
    if app.is_open:
        text += f"当前状态：{app.get_status_display()}，答复期限 {_deadline_text(app)}。"
    return text


def _confirmation(action: type[Action], form: Form) -> dict[str, str]:
    outcome = FINAL_ACTIONS[action.name] or form.cleaned_data.get("outcome", "")
    return {
        "outcome": Outcome(outcome).label,
        "basis": outcome_basis(outcome) or "无明确条文",
    }


def _already_applied(app: Application, action: type[Action], data: Any) -> bool:
    key = str(data.get("idempotency_key") or "")
    return bool(key) and app.events.filter(idempotency_key=key, kind=action.event_kind).exists()


@staff_page
@require_http_methods(["GET", "POST"])
def case_action(request: HttpRequest, reference: str, action_name: str) -> HttpResponse:
    """One statutory step's form: validate, confirm if final, submit, redirect with a message."""
    action = ACTIONS.get(action_name)
    if action is None or action_name == "reveal_personal_data":
        raise Http404("没有这个办理步骤。")
    app = _visible_case(request, reference)
    if request.method == "POST" and _already_applied(app, action, request.POST):
        # A double click: the first submission applied; its message is already queued.
        return HttpResponseRedirect(_case_url(action.result_of(app)))
    if not action.is_allowed(request.user, app):
        try:
            action.check_permission(request.user, app.agency)
        except ActionRefused as exc:
            return _refused_page(request, app, exc.message, 403)
        return _refused_page(request, app, action.state_message(app), 409)
    case_url = _case_url(app)
    context: dict[str, Any] = {
        "title": action.label,
        "agency": app.agency,
        "breadcrumbs": [
            {"label": "工作台", "url": reverse("staff:home")},
            {"label": f"案件 {app.reference}", "url": case_url},
            {"label": action.label},
        ],
        "app": app,
        "action": action,
        "deadline": deadline_status(app),
        "is_final": action.name in FINAL_ACTIONS,
    }
    status = 200
    if request.method == "POST":
        form = action.form(request.POST, application=app)
        refused: ActionRefused | None = None
        if form.is_valid():
            if action.name in FINAL_ACTIONS and request.POST.get("confirmed") != "1":
                context.update(form=form, confirm=_confirmation(action, form))
                return render(request, "staff/cases/confirm.html", context)
            try:
                result = action.submit(request.user, app, request.POST)
            except ActionRefused as exc:
                refused = exc
            else:
                messages.success(request, _success_message(action, result))
                return HttpResponseRedirect(_case_url(result))
        context["errors"] = _errors_of(form, refused)
        status = refused.http_status if refused is not None else 400
    else:
        form = action.form(application=app)
    context["form"] = _prepared(form)
    return render(request, "staff/cases/action.html", context, status=status)
