"""`manage.py party_search_hashes`: recompute the parties' phone and ID search hashes (after the search key changes)."""
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from fengqiao.cases.services.parties import party_search_hashes_refresh


class Command(BaseCommand):
    help = ("Recompute every party's keyed phone and ID search hashes from the stored numbers (run after changing "
            "FENGQIAO_SEARCH_KEY, or SECRET_KEY while that is empty). Audited; safe to run again.")

    def handle(self, *args, **options):
        changed = party_search_hashes_refresh(acting_user=None)
        self.stdout.write(_("已更新 %(count)d 名当事人的检索码。") % {"count": changed})
