#!/usr/bin/env python3
"""Builds labelled CSV files (text,label,lang) for `evaluate` from ../shared/data, with a fixed train/dev split.

Usage: python3 tools/eval-data/make_splits.py [DATA_DIR] [OUT_DIR]
  DATA_DIR defaults to ../shared/data (relative to the repository root), OUT_DIR to /tmp/cmbot-eval.
The files are derived from third-party data (see ../shared/data/SOURCES.md); they are written outside the
repository and are not shipped. Split by crc32 of an item's id/text modulo 10: 0-1 test (20 %, for the figures
reported once at the end, never for tuning), 2-3 dev (20 %, for choosing between variants), 4-9 train (60 %, for
error analysis and fitting). Complaints: Banking77's own test file (plus GoEmotions test) is the test set, the
crc split of Banking77 train gives train/dev.
"""
import csv, json, os, sys, zlib

data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', '..', '..', 'shared', 'data')
out = sys.argv[2] if len(sys.argv) > 2 else '/tmp/cmbot-eval'
os.makedirs(out, exist_ok=True)

def bucket(key):
    """'test', 'dev' or 'train' for an item key (fixed: crc32 modulo 10)."""
    r = zlib.crc32(key.encode('utf-8')) % 10
    return 'test' if r < 2 else 'dev' if r < 4 else 'train'

def write(name, rows):
    with open(os.path.join(out, name), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['text', 'label', 'lang'])
        w.writerows(rows)
    print(f'{name}: {len(rows)} rows')

def polarity(rating):
    return 'negative' if rating <= -0.5 else 'positive' if rating >= 0.5 else 'neutral'

# VADER human-rated texts (English), +-0.5 cut-offs as in the VADER paper.
for stem, name in [('tweets', 'en-tweets'), ('amazonReviewSnippets', 'en-reviews'), ('nytEditorialSnippets', 'en-news')]:
    parts = {'train': [], 'dev': [], 'test': []}
    with open(os.path.join(data, 'labelled', f'{stem}_GroundTruth.txt'), encoding='utf-8', newline='') as f:
        for line in f.read().split('\n'):
            line = line.rstrip('\r')
            if not line:
                continue
            ident, rating, text = line.split('\t', 2)
            text = text.replace('&amp;', '&').replace('&lt;', '<').replace('&gt;', '>').replace('&quot;', '"')
            parts[bucket(stem + ident)].append([text, polarity(float(rating)), 'en'])
    for split, rows in parts.items():
        write(f'{name}-{split}.csv', rows)

# XED French: negative-only / positive-only / surprise-only (neutral); mixed rows are left out.
NEG, POS = {1, 3, 4, 6}, {2, 5, 8}
parts = {'train': [], 'dev': [], 'test': []}
with open(os.path.join(data, 'labelled', 'xed', 'fr-projections.tsv'), encoding='utf-8', newline='') as f:
    for line in f.read().split('\n'):
        fields = line.rstrip('\r').split('\t')
        if len(fields) != 2 or not all(p.strip().isdigit() for p in fields[1].split(',')):
            continue
        labels = {int(p) for p in fields[1].split(',')}
        if labels <= NEG:
            label = 'negative'
        elif labels <= POS:
            label = 'positive'
        elif labels == {7}:
            label = 'neutral'
        else:
            continue
        parts[bucket(fields[0])].append([fields[0], label, 'fr'])
for split, rows in parts.items():
    write(f'fr-xed-{split}.csv', rows)

# Complaints: Banking77 problem reports vs information requests (ambiguous intents left out),
# plus GoEmotions comments as everyday non-complaint chatter.
COMPLAINT = {
    'card_payment_wrong_exchange_rate', 'extra_charge_on_statement', 'card_not_working', 'pin_blocked',
    'contactless_not_working', 'wrong_amount_of_cash_received', 'transfer_not_received_by_recipient', 'top_up_reverted',
    'balance_not_updated_after_cheque_or_cash_deposit', 'card_payment_not_recognised', 'unable_to_verify_identity',
    'direct_debit_payment_not_recognised', 'declined_cash_withdrawal', 'request_refund', 'declined_transfer',
    'Refund_not_showing_up', 'declined_card_payment', 'card_swallowed', 'transaction_charged_twice',
    'reverted_card_payment?', 'failed_transfer', 'virtual_card_not_working', 'wrong_exchange_rate_for_cash_withdrawal',
    'top_up_failed', 'balance_not_updated_after_bank_transfer', 'cash_withdrawal_not_recognised',
}
INFO = {
    'exchange_rate', 'fiat_currency_support', 'card_delivery_estimate', 'automatic_top_up', 'exchange_via_app',
    'age_limit', 'top_up_by_bank_transfer_charge', 'cancel_transfer', 'top_up_limits', 'supported_cards_and_currencies',
    'getting_virtual_card', 'card_acceptance', 'edit_personal_details', 'why_verify_identity', 'get_physical_card',
    'visa_or_mastercard', 'topping_up_by_card', 'disposable_card_limits', 'atm_support', 'terminate_account',
    'verify_source_of_funds', 'transfer_timing', 'change_pin', 'receiving_money', 'transfer_into_account', 'verify_top_up',
    'getting_spare_card', 'top_up_by_cash_or_cheque', 'order_physical_card', 'get_disposable_virtual_card',
    'exchange_charge', 'top_up_by_card_charge', 'activate_my_card', 'cash_withdrawal_charge', 'card_about_to_expire',
    'apple_pay_or_google_pay', 'verify_my_identity', 'country_support', 'card_linking',
}

def banking(split, keep=lambda text: True):
    rows = []
    with open(os.path.join(data, 'labelled', 'banking77', f'{split}.csv'), encoding='utf-8', newline='') as f:
        for r in csv.DictReader(f):
            if not keep(r['text']):
                continue
            if r['category'] in COMPLAINT:
                rows.append([r['text'], 'complaint', 'en'])
            elif r['category'] in INFO:
                rows.append([r['text'], 'not_complaint', 'en'])
    return rows

def goemotions(split, limit):
    rows = []
    with open(os.path.join(data, 'labelled', 'goemotions', f'{split}.tsv'), encoding='utf-8', newline='') as f:
        for r in csv.reader(f, delimiter='\t'):
            if len(r) >= 2 and zlib.crc32(r[2].encode()) % 10 < limit:
                rows.append([r[0], 'not_complaint', 'en'])
    return rows

write('en-complaint-train.csv', banking('train', lambda t: bucket(t) != 'dev') + goemotions('train', 1))
write('en-complaint-dev.csv', banking('train', lambda t: bucket(t) == 'dev') + goemotions('dev', 2))
write('en-complaint-test.csv', banking('test') + goemotions('test', 2))

# GoEmotions as sentiment (a larger social-media check; its own train/dev/test files), mapped with the dataset's
# sentiment_dict.json: only negative emotions -> negative, only positive -> positive, neutral or only ambiguous
# emotions -> neutral; rows mixing groups (neutral with an ambiguous emotion too) are left out.
with open(os.path.join(data, 'labelled', 'goemotions', 'labels.txt'), encoding='utf-8') as f:
    EMOTIONS = f.read().split()
with open(os.path.join(data, 'labelled', 'goemotions', 'sentiment_dict.json'), encoding='utf-8') as f:
    GROUPS = json.load(f)
GO_NEG = {EMOTIONS.index(e) for e in GROUPS['negative']}
GO_POS = {EMOTIONS.index(e) for e in GROUPS['positive']}
GO_NEUTRAL, GO_AMBIGUOUS = {EMOTIONS.index('neutral')}, {EMOTIONS.index(e) for e in GROUPS['ambiguous']}
for split in ['train', 'dev', 'test']:
    rows = []
    with open(os.path.join(data, 'labelled', 'goemotions', f'{split}.tsv'), encoding='utf-8', newline='') as f:
        for r in csv.reader(f, delimiter='\t', quoting=csv.QUOTE_NONE):
            if len(r) < 2:
                continue
            ids = {int(x) for x in r[1].split(',')}
            label = 'negative' if ids <= GO_NEG else 'positive' if ids <= GO_POS else 'neutral' if ids <= GO_NEUTRAL or ids <= GO_AMBIGUOUS else None
            if label:
                rows.append([r[0], label, 'en'])
    write(f'en-goemotions-{split}.csv', rows)
