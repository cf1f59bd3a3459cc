"""Questions and answers in the API (issue 18.1):
``GET/POST /api/v1/innovations/<slug>/questions/``.

GET: the public FAQ (questions with their public answers) to everyone; every
non-hidden question and answer to people signed in. POST: a regency team
member asks (by session or a personal API token, which asks for its own
region); the same form, cleaning, rate limit and notifications as the page.
Rate limited twice: the API's write throttle, and ``QUESTIONS_PER_HOUR``
per person (429 with a clear message).
"""

from collections.abc import Mapping

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from drf_spectacular.utils import (
    OpenApiExample,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotAuthenticated, PermissionDenied, Throttled
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.parsers import FormParser, JSONParser
from rest_framework.response import Response

from innovations.models import InnovationPage
from livinglab.accounts import policy
from livinglab.api.schema import ERROR_RESPONSES
from livinglab.api.throttling import WriteThrottle

from . import services
from .forms import AskForm
from .models import Question


class AnswerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    created_at = serializers.DateTimeField()
    public = serializers.BooleanField()
    side = serializers.CharField(
        default="",
        help_text=(
            "Who wrote the answer: the host (with its region), a mentor, the "
            "asking region's name, a moderator or an administrator; never a "
            "person's name or e-mail."
        ),
    )


class QuestionSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region.code", allow_null=True, default=None)
    answers = serializers.SerializerMethodField()

    class Meta:
        model = Question
        fields = ["id", "text", "created_at", "region", "answers"]

    @extend_schema_field(AnswerSerializer(many=True))
    def get_answers(self, obj):
        return AnswerSerializer(getattr(obj, "shown_answers", []), many=True).data


QUESTION_EXAMPLE = {
    "text": "Berapa lama pelatihan operator untuk aplikasi ini?",
}


def _page(slug):
    return get_object_or_404(InnovationPage.objects.published(), slug=slug)


class QuestionList(generics.ListCreateAPIView):
    """A case study's questions (GET: the public FAQ to everyone, every
    non-hidden question to people signed in), or ask one (POST: a regency
    team member; 429 beyond ``QUESTIONS_PER_HOUR`` questions an hour)."""

    serializer_class = QuestionSerializer
    parser_classes = [JSONParser, FormParser]
    throttle_classes = [WriteThrottle]

    def get_queryset(self):
        return services.visible_questions(self.request.user, _page(self.kwargs["slug"]))

    def paginate_queryset(self, queryset):
        """The page of questions, with the side of every answer on it found
        at once (``services.add_sides``)."""
        page = super().paginate_queryset(queryset)
        if page is not None:
            services.add_sides(
                a for question in page for a in getattr(question, "shown_answers", [])
            )
        return page

    @extend_schema(responses={200: QuestionSerializer(many=True), **ERROR_RESPONSES})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=inline_serializer("AskQuestion", {"text": serializers.CharField()}),
        responses={201: QuestionSerializer, **ERROR_RESPONSES},
        examples=[OpenApiExample("Ask", value=QUESTION_EXAMPLE)],
    )
    def post(self, request, slug):
        page = _page(slug)
        if not request.user.is_authenticated:
            raise NotAuthenticated(
                _(
                    "Log in, or send a personal API token: Authorization: Bearer <token>."
                )
            )
        token_region = getattr(request.auth, "region_id", None)
        question = Question(
            innovation=page,
            author=request.user,
            region_id=token_region or services.team_region_of(request.user),
        )
        if not policy.allows(request, "questions.ask", question):
            raise PermissionDenied(_("Only regency teams may ask questions."))
        if not isinstance(request.data, Mapping):
            raise ApiValidationError(
                {
                    "non_field_errors": [
                        _("Send a JSON object (or a form) with the fields.")
                    ]
                }
            )
        form = AskForm(request.data, user=request.user)
        if not form.is_valid():
            if form.is_rate_limited():
                raise Throttled(detail=form.non_field_errors()[0])
            raise ApiValidationError(
                {
                    name if name != "__all__" else "non_field_errors": [
                        str(e) for e in errors
                    ]
                    for name, errors in form.errors.items()
                }
            )
        question.text = form.cleaned_data["text"]
        services.ask(question)
        question.shown_answers = []
        return Response(
            QuestionSerializer(question).data, status=status.HTTP_201_CREATED
        )
