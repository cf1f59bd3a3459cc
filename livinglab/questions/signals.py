"""Signals the questions app sends for the layers above it.

``faq_changed(sender=Answer or Question, innovation_id=int)`` is sent inside
the transaction that saves or deletes an entry when the case study's public
FAQ may have changed: an existing answer or question saved (published as FAQ
or withdrawn, hidden or shown again, edited), a new answer saved public, or
an entry deleted. A new question or a new non-public answer changes no FAQ
and sends nothing. Search subscribes (``search.sync.connect``) and re-analyses
the case study and queues it for Elasticsearch in the same transaction.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal

faq_changed = Signal()


def _answer_saved(sender, instance, created, raw=False, **kwargs):
    if raw or (created and not instance.public):
        return
    faq_changed.send(sender=sender, innovation_id=instance.question.innovation_id)


def _question_saved(sender, instance, created, raw=False, **kwargs):
    if raw or created:
        return
    faq_changed.send(sender=sender, innovation_id=instance.innovation_id)


def _answer_deleted(sender, instance, **kwargs):
    if instance.public:
        innovation_id = (
            type(instance.question)
            .objects.filter(pk=instance.question_id)
            .values_list("innovation_id", flat=True)
            .first()
        )
        if innovation_id is not None:
            faq_changed.send(sender=sender, innovation_id=innovation_id)


def _question_deleted(sender, instance, **kwargs):
    faq_changed.send(sender=sender, innovation_id=instance.innovation_id)


def connect():
    """Connect the model signals that announce ``faq_changed``."""
    from .models import Answer, Question

    post_save.connect(_answer_saved, sender=Answer, dispatch_uid="faq-answer-saved")
    post_save.connect(
        _question_saved, sender=Question, dispatch_uid="faq-question-saved"
    )
    post_delete.connect(
        _answer_deleted, sender=Answer, dispatch_uid="faq-answer-deleted"
    )
    post_delete.connect(
        _question_deleted, sender=Question, dispatch_uid="faq-question-deleted"
    )
