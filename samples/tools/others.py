"""samples/other/: mail in Dana's inbox that is NOT a reply to a tracked email. The watcher must
ignore every one of these (none is from a prospect's address, none references a sent/ Message-ID),
even though several contain words the rules care about ("unsubscribe", "not interested",
"out of office", "call me"). Written by hand; gen.py only fixes line ends."""

import base64

D = "Dana Whitfield <dana@northwind-analytics.example>"

MSGS = {}

MSGS["o01"] = ("crlf", """\
Return-Path: <bounce-8812@mail.saasweekly.example>
From: SaaS Weekly <news@saasweekly.example>
To: dana@northwind-analytics.example
Subject: 7 break-up email templates that actually get replies
Date: Tue, 10 Nov 2026 06:00:12 -0500
Message-ID: <nl-20261110.8812.44109@mail.saasweekly.example>
List-Unsubscribe: <https://saasweekly.example/u/8812?e=dana>, <mailto:unsubscribe-8812@saasweekly.example>
List-Unsubscribe-Post: List-Unsubscribe=One-Click
Precedence: bulk
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="nl_8812_b"

--nl_8812_b
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

SaaS Weekly, issue 212

1. "This will be my last note" - why the break-up email works
Reps report reply rates near 25% when they finally stop chasing. Our favourite line:
"If you're slammed and would like me to reconnect in 90 days or so, just let me know."

2. Not interested? How to read a no that isn't one.

3. The pending file: keep your pipeline honest.

You are receiving this because you signed up at saasweekly.example.
Not interested any more? Unsubscribe: https://saasweekly.example/u/8812?e=dana

--nl_8812_b
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: 8bit

<html><body><table width="600"><tr><td>
<h1>SaaS Weekly, issue 212</h1>
<h2>1. &ldquo;This will be my last note&rdquo; &ndash; why the break-up email works</h2>
<p>Reps report reply rates near 25% when they finally stop chasing. Our favourite line:
<em>&ldquo;If you&rsquo;re slammed and would like me to reconnect in 90 days or so, just let me know.&rdquo;</em></p>
<h2>2. Not interested? How to read a no that isn&rsquo;t one.</h2>
<h2>3. The pending file: keep your pipeline honest.</h2>
<p style="font-size:11px;color:#888">You are receiving this because you signed up at saasweekly.example.
Not interested any more? <a href="https://saasweekly.example/u/8812?e=dana">Unsubscribe</a></p>
</td></tr></table></body></html>

--nl_8812_b--
""")

MSGS["o02"] = ("lf", """\
From: Mike Chen <mike.chen@northwind-analytics.example>
To: Dana Whitfield <dana@northwind-analytics.example>
Subject: RE: Q4 pipeline review
Date: Thu, 12 Nov 2026 16:42:05 -0500
Message-ID: <BN8PR11MB3921E0A7C4D2B8F1A3C9E5D2A1@BN8PR11MB3921.namprd11.prod.outlook.com>
In-Reply-To: <0c9d51a2-7f3e-4b7e-9a0e-5a2f1c3b7d11@northwind-analytics.example>
References: <0c9d51a2-7f3e-4b7e-9a0e-5a2f1c3b7d11@northwind-analytics.example>
Content-Language: en-US
MIME-Version: 1.0
Content-Type: text/plain; charset="us-ascii"
Content-Transfer-Encoding: 7bit

Nice work on Harborline. Put them in the forecast for January.

For the ones who said "try me next quarter", can you make sure they are in the
agenda? And please don't close Bluefin, I think they'll come back.

Call me tomorrow if you want to go through the list before the review.

Mike

-----Original Message-----
From: Dana Whitfield <dana@northwind-analytics.example>
Sent: Thursday, November 12, 2026 3:10 PM
To: Mike Chen <mike.chen@northwind-analytics.example>
Subject: Q4 pipeline review

Mike, attached is my pipeline for the review. Three break-up replies this week,
two of them want to talk.

Dana
""")

MSGS["o03"] = ("crlf", """\
From: Jordan Price <jordan.price@northwind-analytics.example>
To: Dana Whitfield <dana@northwind-analytics.example>, Mike Chen <mike.chen@northwind-analytics.example>
Subject: Invitation: Weekly sales standup @ Mon Nov 16, 2026 9am - 9:30am (EST)
Date: Fri, 13 Nov 2026 11:03:44 -0500
Message-ID: <calendar-4f1b2c3d-8e9a-4b7c-9d1e-2f3a4b5c6d7e@northwind-analytics.example>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="cal_mixed_7781"

--cal_mixed_7781
Content-Type: multipart/alternative; boundary="cal_alt_7781"

--cal_alt_7781
Content-Type: text/plain; charset="UTF-8"

Weekly sales standup
Monday Nov 16, 2026 9am - 9:30am (Eastern Time - New York)

Agenda: pipeline, who said yes, who said later, who asked us to stop.

Reply for dana@northwind-analytics.example: Yes / No / Maybe

--cal_alt_7781
Content-Type: text/calendar; charset="UTF-8"; method=REQUEST

BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:REQUEST
BEGIN:VEVENT
DTSTART:20261116T140000Z
DTEND:20261116T143000Z
DTSTAMP:20261113T160344Z
ORGANIZER;CN=Jordan Price:mailto:jordan.price@northwind-analytics.example
UID:4f1b2c3d8e9a4b7c@northwind-analytics.example
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=dana@northwind-analytics.example:mailto:dana@northwind-analytics.example
SUMMARY:Weekly sales standup
DESCRIPTION:Agenda: pipeline\\, who said yes\\, who said later\\, who asked us to stop.
SEQUENCE:0
STATUS:CONFIRMED
END:VEVENT
END:VCALENDAR

--cal_alt_7781--

--cal_mixed_7781
Content-Type: application/ics; name="invite.ics"
Content-Disposition: attachment; filename="invite.ics"
Content-Transfer-Encoding: base64

QkVHSU46VkNBTEVOREFSDQpWRVJTSU9OOjIuMA0KTUVUSE9EOlJFUVVFU1QNCkVORDpWQ0FMRU5E
QVINCg==

--cal_mixed_7781--
""")

MSGS["o04"] = ("crlf", """\
From: Cloudhost Billing <receipts@cloudhost.example>
To: dana@northwind-analytics.example
Subject: Your receipt from Cloudhost #2026-1187-4421
Date: Sun, 01 Nov 2026 03:12:09 +0000
Message-ID: <receipt.2026-1187-4421@billing.cloudhost.example>
Auto-Submitted: auto-generated
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

Receipt #2026-1187-4421

Plan: Team (5 seats)            $75.00
Tax                               $0.00
Total charged to Visa =E2=80=A2=E2=80=A2=E2=80=A2=E2=80=A2 4242   $75.00

Questions? Reply to this email. Please don't reply to cancel: use the
billing page instead.
""")

MSGS["o05"] = ("lf", """\
From: SocialNet <notifications@socialnet.example>
To: Dana Whitfield <dana@northwind-analytics.example>
Subject: Marcus, Priya and 3 others viewed your profile
Date: Wed, 18 Nov 2026 08:30:00 -0800
Message-ID: <1379226711.48811.1763483400000@notifications.socialnet.example>
Precedence: bulk
List-Unsubscribe: <https://socialnet.example/unsub?t=44aa>
MIME-Version: 1.0
Content-Type: text/html; charset=UTF-8
Content-Transfer-Encoding: quoted-printable

<html><body><p>Hi Dana,</p><p>Marcus Feld (VP Operations at Harborline Freight=
) and 4 others viewed your profile this week.</p><p><a href=3D"https://social=
net.example/me/views">See all views</a></p><p style=3D"color:#999">Not intere=
sted in these emails? <a href=3D"https://socialnet.example/unsub?t=3D44aa">Un=
subscribe</a>.</p></body></html>
""")

MSGS["o06"] = ("crlf", """\
From: Mike Chen <mike.chen@northwind-analytics.example>
To: Dana Whitfield <dana@northwind-analytics.example>
Subject: Automatic reply: Team lunch Friday?
Thread-Topic: Team lunch Friday?
Date: Wed, 25 Nov 2026 12:01:30 -0500
Message-ID: <BN8PR11MB39215F1C2D3E4A5B6C7D8E9F01@BN8PR11MB3921.namprd11.prod.outlook.com>
In-Reply-To: <7e2d9c41-1b3a-4c5d-8e6f-0a1b2c3d4e5f@northwind-analytics.example>
References: <7e2d9c41-1b3a-4c5d-8e6f-0a1b2c3d4e5f@northwind-analytics.example>
Auto-Submitted: auto-generated
X-Auto-Response-Suppress: All
MIME-Version: 1.0
Content-Type: text/plain; charset="us-ascii"
Content-Transfer-Encoding: 7bit

I'm out of the office until Monday, November 30 for the Thanksgiving holiday.
Call me on my cell if it's urgent.

Mike
""")

MSGS["o07"] = ("crlf", """\
Return-Path: <>
From: MAILER-DAEMON@mx1.northwind-analytics.example (Mail Delivery System)
To: dana@northwind-analytics.example
Subject: Undelivered Mail Returned to Sender
Date: Sat, 21 Nov 2026 10:15:44 -0500
Message-ID: <20261121151544.7C2D1A0F3B@mx1.northwind-analytics.example>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="7C2D1A0F3B.1763738144/mx1.northwind-analytics.example"

--7C2D1A0F3B.1763738144/mx1.northwind-analytics.example
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx1.northwind-analytics.example.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

                   The mail system

<sam.whitfield@oldisp.example>: host mx.oldisp.example[198.51.100.9] said: 550
    5.1.1 <sam.whitfield@oldisp.example>: Recipient address rejected: User
    unknown (in reply to RCPT TO command)

--7C2D1A0F3B.1763738144/mx1.northwind-analytics.example
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx1.northwind-analytics.example
Arrival-Date: Sat, 21 Nov 2026 10:15:40 -0500

Final-Recipient: rfc822; sam.whitfield@oldisp.example
Action: failed
Status: 5.1.1

--7C2D1A0F3B.1763738144/mx1.northwind-analytics.example
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

Message-ID: <b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e@northwind-analytics.example>
Date: Sat, 21 Nov 2026 10:15:31 -0500
From: Dana Whitfield <dana@northwind-analytics.example>
To: Sam Whitfield <sam.whitfield@oldisp.example>
Subject: Thanksgiving plans

--7C2D1A0F3B.1763738144/mx1.northwind-analytics.example--
""")

MSGS["o08"] = ("lf", """\
From: "Prize Center" <winner@prize-center.example>
To: dana@northwind-analytics.example
Subject: =?UTF-8?B?8J+OiSBDb25ncmF0dWxhdGlvbnMhIFlvdSd2ZSBiZWVuIHNlbGVjdGVk?=
Date: Mon, 09 Nov 2026 02:14:55 +0100
Message-ID: <20261109011455.5512.qmail@prize-center.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Dear Customer,

You have been selected to receive a FREE gift card. Reply YES to claim, or
call me at +1 555 0100 within 24 hours. Not interested? Reply STOP.
""")

MSGS["o09"] = ("crlf", """\
From: Kyle Brandt <kyle@leadrocket.example>
To: Dana Whitfield <dana@northwind-analytics.example>
Subject: Quick question, Dana
Date: Tue, 17 Nov 2026 10:22:18 -0600
Message-ID: <CAKq9vZ2m3xR7bT0YwP5aQ1nL8sE4dF6gH0jK2lM4nO6pQ8rS@mail.gmail.com>
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="000000000000a7b8c9d0e1f2"

--000000000000a7b8c9d0e1f2
Content-Type: text/plain; charset="UTF-8"

Hi Dana,

Saw that Northwind is hiring SDRs. We help sales teams book 30% more
meetings. Are you the right person to talk to about this? If not, who is?

If you're slammed, just let me know and I'll reconnect in a few months.

Kyle

--000000000000a7b8c9d0e1f2
Content-Type: text/html; charset="UTF-8"

<div dir="ltr">Hi Dana,<div><br></div><div>Saw that Northwind is hiring SDRs. We help sales teams book 30% more meetings. Are you the right person to talk to about this? If not, who is?</div><div><br></div><div>If you&#39;re slammed, just let me know and I&#39;ll reconnect in a few months.</div><div><br></div><div>Kyle</div></div>

--000000000000a7b8c9d0e1f2--
""")

MSGS["o10"] = ("crlf", """\
From: Northwind People Team <hr@northwind-analytics.example>
To: all-staff@northwind-analytics.example
Subject: Reminder: open enrollment closes Friday
Date: Mon, 16 Nov 2026 09:00:00 -0500
Message-ID: <hr-oe-2026-reminder-3@northwind-analytics.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

Hi all,

Open enrollment for 2027 benefits closes this Friday, November 20. If you
don=E2=80=99t make a choice, your current elections roll over.

Questions? Reply to this email or book time with Priya in People Ops.

=E2=80=94 The People Team
""")

MSGS["o11"] = ("lf", """\
From: IT Helpdesk <it-helpdesk@northwind-analytics.example>
To: dana@northwind-analytics.example
Subject: Your password expires in 3 days
Date: Thu, 26 Nov 2026 07:00:00 -0500
Message-ID: <pwexpiry.dana.20261126@northwind-analytics.example>
Auto-Submitted: auto-generated
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

Your Northwind password expires on November 29, 2026. Change it at
https://sso.northwind-analytics.example/password before then to avoid
losing access to mail.

This is an automated message; please do not reply.
""")

MSGS["o12"] = ("crlf", """\
From: Harborline Freight Events <events@harborline-freight.example>
To: dana@northwind-analytics.example
Subject: You're invited: Harborline Shipper Summit 2027
Date: Fri, 20 Nov 2026 13:00:00 -0600
Message-ID: <summit27-invite-00419@harborline-freight.example>
List-Unsubscribe: <mailto:events-unsubscribe@harborline-freight.example>
Precedence: bulk
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: 7bit

<html><body><h1>Harborline Shipper Summit 2027</h1>
<p>Join us in Chicago on March 3, 2027. Early-bird registration ends in 3 weeks.</p>
<p>Can't make it? We'll send you the recordings. Not interested? <a href="mailto:events-unsubscribe@harborline-freight.example">Unsubscribe</a>.</p>
</body></html>
""")

MSGS["o13"] = ("crlf", """\
From: Mike Chen <mike.chen@northwind-analytics.example>
To: Dana Whitfield <dana@northwind-analytics.example>
Subject: Accepted: Demo prep with Dana
Date: Mon, 19 Oct 2026 14:20:11 -0400
Message-ID: <BN8PR11MB3921A1B2C3D4E5F6A7B8C9D0E1@BN8PR11MB3921.namprd11.prod.outlook.com>
MIME-Version: 1.0
Content-Type: text/calendar; charset="utf-8"; method=REPLY
Content-Transfer-Encoding: 7bit

BEGIN:VCALENDAR
METHOD:REPLY
PRODID:Microsoft Exchange Server 2010
VERSION:2.0
BEGIN:VEVENT
ATTENDEE;PARTSTAT=ACCEPTED;CN=Mike Chen:mailto:mike.chen@northwind-analytics.example
SUMMARY:Accepted: Demo prep with Dana
DTSTART:20261022T180000Z
DTEND:20261022T183000Z
UID:040000008200E00074C5B7101A82E0080000000001DC6A2B
DTSTAMP:20261019T182011Z
END:VEVENT
END:VCALENDAR
""")

MSGS["o14"] = ("lf", """\
From: Dana Whitfield <dana@northwind-analytics.example>
To: Dana Whitfield <dana@northwind-analytics.example>
Subject: notes: call with Marcus (Harborline)
Date: Fri, 23 Oct 2026 15:40:02 -0400
Message-ID: <5d6e7f80-91a2-4b3c-8d4e-5f6a7b8c9d0e@northwind-analytics.example>
User-Agent: Mozilla Thunderbird
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: 7bit

- yard dashboards, 4 sites, wants pricing by Nov 1
- said yes to a pilot if IT signs off
- call back next Wednesday
""")

MSGS["o15"] = ("crlf", """\
From: crm-users-request@lists.crmtools.example
To: crm-users@lists.crmtools.example
Subject: crm-users Digest, Vol 12, Issue 4
Date: Tue, 24 Nov 2026 12:00:03 +0000
Message-ID: <mailman.4.1763985603.3319.crm-users@lists.crmtools.example>
List-Id: CRM tool users <crm-users.lists.crmtools.example>
List-Unsubscribe: <https://lists.crmtools.example/mailman/options/crm-users>, <mailto:crm-users-request@lists.crmtools.example?subject=unsubscribe>
Precedence: list
MIME-Version: 1.0
Content-Type: text/plain; charset="us-ascii"
Content-Transfer-Encoding: 7bit

Send crm-users mailing list submissions to
	crm-users@lists.crmtools.example

Today's Topics:

   1. Re: auto-reply detection misses Exchange OOF (Tom)
   2. Re: "please don't close it" counted as a no?! (Ana)

----------------------------------------------------------------------

Message: 1
Date: Mon, 23 Nov 2026 18:11:40 +0000
From: Tom <tom@example.org>
Subject: Re: auto-reply detection misses Exchange OOF

> Our Exchange sends "Automatic reply:" with no Auto-Submitted header.

Same here. We match the subject now.

------------------------------

Message: 2
Date: Tue, 24 Nov 2026 08:02:13 +0000
From: Ana <ana@example.net>
Subject: Re: "please don't close it" counted as a no?!

It matched "close it" and ignored the "don't". Stop emailing me about it,
I already filed a bug. ;)

End of crm-users Digest, Vol 12, Issue 4
****************************************
""")


def build():
    out = {}
    for k, (eol, text) in MSGS.items():
        raw = text.encode("utf-8")
        if eol == "crlf":
            raw = raw.replace(b"\n", b"\r\n")
        out["other/%s.eml" % k] = raw
    return out
