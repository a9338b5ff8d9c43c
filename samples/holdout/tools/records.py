# Hand-written holdout replies.  Fields:
# kind, label, callback, ooo_return, reason, client, lang, name, company, topic,
# sent (local ET), reply (local of replier), tz, threaded, body, note
R = []
def r(kind, label, cb, ooo, reason, client, lang, name, company, topic, sent, reply, tz, threaded, body, note):
    R.append(dict(kind=kind, label=label, cb=cb, ooo=ooo, reason=reason, client=client, lang=lang,
                  name=name, company=company, topic=topic, sent=sent, reply=reply, tz=tz,
                  threaded=threaded, body=body.strip('\n'), note=note))

# ---------------- YES ----------------
r('breakup','yes','','','yes/meeting','gmail','en','Priya Raman','Cobalt Ridge Foods','the plant-level OEE dashboards',
  '2026-09-14 09:05','2026-09-15 07:48','-0500',True,
"""Hi Dana,

Sorry for the radio silence -- it's been a crazy quarter. We actually do want to look at this before budgets lock. Can you do Thursday at 2pm ET? If not, Friday morning works too.

Best,
Priya""", 'meeting request, "radio silence" apology')

r('breakup','yes','','','yes/meeting','outlook','en','Derek Olsen','Pinecrest Logistics','route-profitability reporting',
  '2026-09-21 10:20','2026-09-22 16:03','-0500',True,
"""Dana – your timing is actually good. We just lost our BI contractor and I'm stuck building the weekly reports in Excel again.

Send me a couple of times next week for a demo and please loop in Raj Mehta from IT (raj.mehta@pinecrest-logistics.example).

Thanks,
Derek""", 'demo request with cc of IT colleague (not a referral)')

r('breakup','yes','','','yes/call','iphone','en','Tanya Brooks','Redwater Utilities','outage analytics',
  '2026-10-05 08:40','2026-10-05 18:22','-0500',False,
"""Give me a call tomorrow afternoon. 312-555-0187""", 'fresh email, not threaded, terse')

r('breakup','yes','','','yes/info','apple-mail','en','Henrik Sørensen','Nordvik Shipping','fleet fuel-consumption analytics',
  '2026-09-28 09:30','2026-09-28 21:15','+0200',True,
"""Not a pest at all! I've been meaning to get back to you for weeks.

Can you send over pricing for 25 seats and a copy of your SOC 2 report? We're comparing a few options this month and I'd like to include you.

Henrik""", '"Not a pest" + pricing request')

r('breakup','yes','','','yes/referral','gmail','en','Alan Whitaker','Brightline Dental Group','the patient-scheduling dashboards',
  '2026-10-12 09:10','2026-10-12 11:47','-0400',True,
"""Hi Dana,

I'm not the right person for this anymore -- I moved over to operations in July. Talk to Jenna Ortiz (jenna.ortiz@brightline-dental.example), she owns the analytics budget now. I've cc'd her here.

Alan""", 'referral with address')

r('breakup','yes','','','yes/meeting','outlook-plain','en','Gail Henderson','Summit Ridge Insurance','claims-cycle reporting',
  '2026-10-19 10:00','2026-10-20 08:12','-0400',True,
"""Yes, let's talk. Wednesday or Thursday morning works for me, before 11.

Gail""", '"Yes" to break-up but then asks for a meeting')

r('breakup','yes','','','yes/call','gmail-android','en','Luis Cardenas','Mesa Verde Produce','cold-chain monitoring',
  '2026-09-08 11:30','2026-09-08 13:02','-0600',True,
"""Sure call me at 4 today""", 'very short mobile reply, no punctuation')

r('breakup','yes','','','yes/meeting','outlook','de','Jonas Keller','Rheinfeld Maschinenbau','production cost analytics',
  '2026-09-29 08:15','2026-09-30 09:41','+0200',True,
"""Hi Dana,

thanks for your persistence. We would like to see a demo together with our controlling team. Could you propose two dates in the week of 12 October?

Best regards
Jonas Keller""", 'German Outlook header block (Von/Gesendet/An/Betreff), English text')

r('breakup','yes','','','yes/meeting','thunderbird','en','Marta Kowalski','Silverbirch Clinics','referral-leakage reporting',
  '2026-10-26 09:45','2026-10-27 10:30','-0400',True,
"""Hi Dana,

Don't give up on us yet :) We got the budget approved last week. Can we set up a call with my director, Angela? Her calendar is open Monday after 1.

Marta""", 'bottom-posted Thunderbird reply, smiley; "Don\'t give up" = positive')

r('breakup','yes','','','yes/info','yahoo','en','Ron Tillman','Tillman & Sons Hardware','inventory turn reports',
  '2026-10-01 09:00','2026-10-03 20:14','-0500',True,
"""hi dana, ya we are intrested, been swamped with the new store opening. whats the next step? can u send the contract we talked about in june""", 'typos, lowercase, mentions a past month')

r('breakup','yes','','','yes/info','outlook','en','Naomi Fischer','Alderbrook Health Partners','revenue-cycle analytics',
  '2026-11-02 09:20','2026-11-03 14:55','-0500',True,
"""Hi Dana,

Apologies for not answering earlier. We've just kicked off our vendor selection and I'd like Northwind to be part of it. Could you send back the attached RFP questionnaire by Friday, November 13?

Kind regards,
Naomi""", 'RFP participation; contains a date that is a deadline, not a callback')

r('breakup','yes','','','yes/referral','gmail','en','Carla Jimenez','Orchard Lane Retail','store-level margin dashboards',
  '2026-11-09 10:05','2026-11-10 09:18','-0500',True,
"""Dana,

Please reach out to our new head of data, Tom Becker -- tom.becker@orchardlane-retail.example. He asked me last week for exactly this kind of thing, so the timing is good.

Carla""", 'referral to a new hire')

r('breakup','yes','','','yes/meeting','iphone','en','Kevin Doyle','Granite Peak Builders','job-costing analytics',
  '2026-11-16 08:50','2026-11-16 19:40','-0700',True,
"""I'm interested, just been traveling nonstop. Let's talk this week - what's your availability Thursday?

Kevin""", '"interested" after "just been traveling"')

r('breakup','yes','','','yes/call','gmail','fr','Camille Laurent','Brasserie Lumière Group','multi-site sales reporting',
  '2026-10-07 09:00','2026-10-08 08:25','+0200',True,
"""Bonjour Dana,

Désolée pour le silence. Oui, nous sommes toujours intéressés par votre solution. Pouvez-vous m'appeler demain matin ? Je suis disponible entre 9h et 11h (heure de Paris).

Cordialement,
Camille""", 'French text and French Gmail attribution')

r('pending','yes','','','yes/info','outlook','en','Brian Castellano','Lakeshore Credit Union','member-churn analytics',
  '2026-09-16 09:30','2026-09-16 15:12','-0500',True,
"""No, please don't close it! We're ready to move forward. Can you send me the updated proposal so I can get it to procurement this week?

Brian""", 'pending inversion: "No, don\'t close it" + ready now')

r('pending','yes','','','yes/call','gmail','en','Elaine Moss','Westbury Academy Trust','enrollment forecasting',
  '2026-10-14 10:10','2026-10-15 12:30','-0400',True,
"""Dana - call me. We got the green light from the board on Tuesday.

Elaine""", 'pending: short, clearly yes')

r('pending','yes','','','yes/meeting','apple-mail','en','Oscar Lindgren','Lindgren Outdoor Gear','e-commerce funnel reporting',
  '2026-11-04 09:00','2026-11-04 17:44','-0600',True,
"""Ha, perfect timing. I was just about to email you.

Let's pick up where we left off -- are you free for 30 minutes next Tuesday? Any time after 10 my time.

Oscar""", 'pending: "perfect timing" + next Tuesday meeting')

r('pending','yes','','','yes/meeting','outlook-plain','en','Meredith Kane','Harrow & Kane Legal','matter-profitability dashboards',
  '2026-10-19 09:40','2026-10-19 16:20','-0400',True,
"""Don't file it. We're ready for next steps -- I've set up a meeting with our CFO on the 22nd at 10am, can you join? I'll send the invite.

Meredith""", 'pending: "Don\'t file it" + meeting on the 22nd')

# ---------------- LATER ----------------
r('breakup','later','2027-04-01','','later/bad-timing','gmail','en','Sandeep Nair','Kestrel Aerospace Parts','supplier-quality scorecards',
  '2026-10-05 09:10','2026-10-06 10:02','-0400',True,
"""Hi Dana,

Not a pest! We're in the middle of an ERP migration that won't wrap up until after Q1. Could you reach back out in April? I'd genuinely like to revisit then.

Thanks,
Sandeep""", '"after Q1" / "in April"')

r('breakup','later','2026-11-11','','later/bad-timing','outlook','en','Laura Pettit','Ashgrove Property Management','lease-renewal analytics',
  '2026-09-28 10:00','2026-09-30 08:44','-0400',True,
"""Hi Dana,

Please reconnect in six weeks or so -- we're closing the books for the quarter and I can't think about anything else right now.

Laura""", 'written number: six weeks')

r('breakup','later','2027-01-11','','later/bad-timing','iphone','en','Mike Danvers','Danvers Auto Group','service-lane analytics',
  '2026-10-12 08:30','2026-10-13 07:15','-0400',True,
"""Yes please, try me again in 90 days. Slammed is the word.

Mike""", '"in 90 days" stated in the reply itself (also in the quote)')

r('breakup','later','2027-07-01','','later/budget','apple-mail','en','Ingrid Vos','Tulip Valley Growers','greenhouse yield dashboards',
  '2026-10-19 09:00','2026-10-20 14:10','-0700',True,
"""Hi Dana,

You're not a pest. Our fiscal year starts in July and that's when any new budget lands. Can you circle back then? We'd definitely want to talk.

Ingrid""", '"once our fiscal year starts in July"')

r('breakup','later','2027-03-29','','later/bad-timing','gmail','en','Patrick Byrne','Byrne Brothers Distribution','warehouse labor analytics',
  '2026-11-09 09:15','2026-11-10 11:30','-0500',True,
"""Dana,

Around Easter would be better for us. We're deep in the rollout of the new warehouse system until then and I have zero bandwidth.

Cheers,
Patrick""", '"around Easter" (Easter Sunday 2027-03-28; Monday used)')

r('breakup','later','2027-01-04','','later/reorg','outlook-plain','en','Stephanie Wu','Meridian Biotech','lab-throughput reporting',
  '2026-11-16 10:30','2026-11-17 09:05','-0500',True,
"""Not right now. We just went through a reorganization and I don't know yet who will own analytics going forward. Check back with me after the new year.

Stephanie""", '"Not right now" + "after the new year" (negation does not mean no)')

r('breakup','later','2027-03-01','','later/hiring-freeze','gmail','en','Greg Albrecht','Foxhollow Staffing','placement-margin dashboards',
  '2026-10-26 09:00','2026-10-27 13:20','-0400',True,
"""We're under a hiring and spending freeze until at least March. Happy to chat after that.

Greg""", '"until at least March"')

r('breakup','later','2027-01-01','','later/bad-timing','thunderbird','en','Wendy Marsh','Clearbrook Water District','meter-data analytics',
  '2026-11-03 09:30','2026-11-04 15:45','-0500',True,
"""Let's touch base next quarter. Things should calm down once the rate case is filed.

Wendy""", 'bottom-posted; "next quarter"')

r('breakup','later','2027-01-15','','later/bad-timing','gmail-android','en','Tony Russo','Russo Party Rentals','booking analytics',
  '2026-11-23 08:45','2026-11-24 12:10','-0500',True,
"""busy season for us til mid-January. ping me then""", 'lowercase, "til mid-January"')

r('breakup','later','2027-04-01','','later/budget','outlook','en','Rebecca Stone','Stonegate Senior Living','occupancy forecasting',
  '2026-09-21 09:20','2026-09-22 10:40','-0400',True,
"""Dana, I appreciate the follow-up. We're interested, but there's no budget left this year. Let's reconnect in Q2.

Best,
Rebecca""", 'Q2 -> 2027-04-01')

r('breakup','later','default','','later/bad-timing','iphone','en','Jamal Carter','Harbor Point Marinas','slip-occupancy reporting',
  '2026-10-05 09:00','2026-10-06 20:05','-0400',True,
"""Still interested, just not the right time. I'll reach out when things settle down.

Sent from my iPhone""", 'no date stated')

r('breakup','later','2026-12-21','','later/bad-timing','yahoo','en','Dolores Finch','Finch Family Farms','crop-cost analytics',
  '2026-10-19 09:10','2026-10-21 19:55','-0500',True,
"""we are not ready yet. maybe in a couple months?""", '"a couple months" without "of"')

r('breakup','later','2027-02-01','','later/reorg','outlook','fr','Hélène Dubois','Groupe Aubrac Distribution','logistics cost reporting',
  '2026-10-06 08:30','2026-10-08 10:15','+0200',True,
"""Bonjour Dana,

Le moment n'est pas idéal : nous sommes en pleine réorganisation et les budgets ne sont pas encore arrêtés. Recontactez-moi en février, s'il vous plaît.

Bien à vous,
Hélène Dubois""", 'French text, French Outlook header block (De/Envoyé/À/Objet)')

r('breakup','later','default','','later/default','gmail','en','Colin Murphy','Bluewater Seafood Co','catch-to-sale traceability',
  '2026-09-14 10:15','2026-09-15 09:30','-0400',True,
"""Yes, that would be great. Things are crazy here at the moment.

Colin""", '"Yes" answers the 90-day question -> later, default callback')

r('pending','later','2026-11-23','','later/reorg','outlook','en','Frank Delgado','Delgado Beverage Co','distributor sell-through reporting',
  '2026-11-02 09:00','2026-11-03 11:25','-0500',True,
"""Please don't close it. We're still interested but we're waiting on our new CIO, who starts on November 16. Give me a call the week after.

Thanks,
Frank""", 'pending: "please don\'t close it" + "the week after Nov 16"')

r('pending','later','2027-03-01','','later/budget','gmail','en','Yvonne Park','Ironwood Community College','student-retention analytics',
  '2026-09-15 10:00','2026-09-16 08:50','-0400',True,
"""No, keep it open. Budget decisions for next year happen in March -- try me then.

Yvonne""", 'pending: "No, keep it open" + March')

r('pending','later','2027-07-01','','later/budget','apple-mail','en','Nathan Briggs','Briggs Hospitality','RevPAR dashboards',
  '2026-10-28 09:30','2026-10-29 16:40','-0400',True,
"""Not yet! Hold onto those notes. We'll be ready to revisit once our fiscal year starts in July.

Nathan""", 'pending: "Not yet!" = keep alive')

r('pending','later','default','','later/default','iphone','en','Sharon Lee','Pacific Crest Realty','listing-performance reports',
  '2026-10-07 09:00','2026-10-07 12:30','-0700',True,
"""No not yet. Still on our radar

Sent from my iPhone""", 'pending: "No not yet" -> later default (60 days)')

r('pending','later','2027-04-01','','later/hiring-freeze','outlook-plain','en','Victor Hale','Halewood Manufacturing','scrap-rate analytics',
  '2026-11-11 09:20','2026-11-12 10:05','-0500',True,
"""Hi Dana,

Don't move us to that file just yet. We're in a hiring freeze through the end of Q1 but this project is still on the roadmap. Let's talk in April.

Victor""", 'pending: "Don\'t move us to that file" + April')

r('pending','later','2026-12-09','','later/bad-timing','gmail','en','Rachel Green','Greenfield Pharmacy Network','script-volume dashboards',
  '2026-11-17 09:45','2026-11-18 14:00','-0500',True,
"""Keep us in the active pile please! Could you check back in 3 weeks? I'm buried in year-end reporting.

Rachel""", 'pending: "in 3 weeks"')

r('pending','later','2026-12-10','','later/bad-timing','outlook','de','Matthias Brandt','Brandt Logistik GmbH','transport cost analytics',
  '2026-11-04 08:00','2026-11-05 09:30','+0100',True,
"""Hello Dana,

please keep the notes. We will decide on the project after our board meeting on 10 December. Please call me after that.

Kind regards
Matthias Brandt""", 'pending: event date "after our board meeting on 10 December"; German Outlook header')

r('pending','later','2027-01-04','','later/budget','gmail','es','Lucía Moreno','Moreno Textiles','production planning dashboards',
  '2026-10-13 09:00','2026-10-14 17:20','+0200',True,
"""Hola Dana,

Todavía no, por favor no cierres el expediente. Seguimos interesados, pero hasta el próximo trimestre no tendremos presupuesto. Hablamos en enero.

Saludos,
Lucía""", 'pending: Spanish text and Spanish Gmail attribution; "en enero"')

# ---------------- NO ----------------
r('breakup','no','','','no/no-need','gmail','en','Jeff Hollis','Hollis Paving','equipment utilization reports',
  '2026-09-08 09:00','2026-09-09 08:10','-0500',True,
"""Thanks Dana, we're all set for now. Appreciate you checking in!

Jeff""", '"we\'re all set" sounds friendly')

r('breakup','no','','','no/other-vendor','outlook','en','Amanda Reyes','Sunridge Home Health','visit-productivity analytics',
  '2026-09-22 10:00','2026-09-24 13:35','-0400',True,
"""Hi Dana,

Thank you for your patience and for all the really helpful material you sent over. We went with Tableau in the end -- it fit better with our existing Salesforce setup. Best of luck, and thanks again!

Amanda""", 'polite, positive-sounding competitor choice')

r('breakup','no','','','no/unsubscribe','iphone','en','Dale Prentice','Prentice Grain Elevators','commodity position reports',
  '2026-10-13 08:20','2026-10-13 09:02','-0500',True,
"""Remove me from your list.

Sent from my iPhone""", 'unsubscribe, terse')

r('breakup','no','','','no/unsubscribe','outlook-plain','en','Cheryl Baxter','Baxter Office Supply','order-margin analytics',
  '2026-10-20 09:30','2026-10-20 10:15','-0400',True,
"""Please stop emailing me. I have asked twice already.""", 'stop emailing')

r('breakup','no','','','no/not-interested','apple-mail','en','Owen Gallagher','Quarry Hill Media','audience analytics',
  '2026-11-02 09:00','2026-11-03 12:20','-0500',True,
"""Really appreciate the persistence, Dana, and you were never a pest. We've decided to build this in-house with our own data team, so there's no need to reconnect. All the best with everything.

Owen""", 'warm tone, "no need to reconnect", in-house build')

r('breakup','no','','','no/not-interested','gmail','en','Heather Nguyen','Riverside Veterinary','appointment analytics',
  '2026-10-26 10:10','2026-10-26 10:48','-0400',True,
"""Not interested, thanks.""", 'short decline')

r('breakup','no','','','no/other-vendor','yahoo','en','Bill Sawyer','Sawyer Marine Supply','parts-demand forecasting',
  '2026-09-29 09:40','2026-10-01 21:05','-0400',True,
"""we signed with another provider last month. thx""", 'lowercase competitor choice')

r('breakup','no','','','no/unsubscribe','outlook','de','Klaus Wegner','Wegner Elektrotechnik AG','service technician dashboards',
  '2026-10-06 08:00','2026-10-06 14:30','+0200',True,
"""Hallo Frau Whitfield,

vielen Dank für Ihre Nachricht. Wir haben uns inzwischen für einen anderen Anbieter entschieden. Bitte nehmen Sie mich aus Ihrem Verteiler.

Mit freundlichen Grüßen
Klaus Wegner""", 'German text: other vendor + remove from distribution list')

r('breakup','no','','','no/no-need','gmail-android','en','Paula Jensen','Jensen Dairy Co-op','milk-quality reporting',
  '2026-11-10 09:00','2026-11-10 17:15','-0600',True,
"""No thank you. We don't have a need for this.""", 'no need')

r('breakup','no','','','no/not-interested','thunderbird','en','Martin Hughes','Hughes Precision Castings','furnace energy analytics',
  '2026-09-15 09:20','2026-09-16 08:00','-0400',True,
"""Dana,

Honestly, no need to reconnect in 90 days, or ever. We're happy with our current setup.

Regards,
Martin""", '"reconnect in 90 days" in the reply itself, negated; bottom-posted')

r('breakup','no','','','no/other-vendor','outlook','en','Diane Carroway','Carroway Insurance Brokers','book-of-business analytics',
  '2026-11-16 09:30','2026-11-17 15:40','-0500',True,
"""Hi Dana,

You're not a pest, but we're not going to move forward. We renewed with Domo for another three years. Take care.

Diane""", '"not a pest" + renewal with competitor for three years')

r('breakup','no','','','no/unsubscribe','outlook','es','Javier Ortega','Ortega Construcciones','project cost dashboards',
  '2026-10-13 08:30','2026-10-14 10:05','+0200',True,
"""Hola Dana,

Gracias, pero no estamos interesados. Por favor, no me envíes más correos.

Un saludo,
Javier Ortega""", 'Spanish text, Spanish Outlook header block (De/Enviado/Para/Asunto)')

r('pending','no','','','no/close-file','gmail','en','Scott Pearson','Pearson Landscape Design','crew scheduling analytics',
  '2026-09-09 09:00','2026-09-10 07:40','-0400',True,
"""Sure, go ahead and file it. We went a different direction this year.

Scott""", 'pending inversion: "go ahead and file it"')

r('pending','no','','','no/close-file','outlook','en','Angela Marino','Marino Foods Import','import duty analytics',
  '2026-10-21 09:10','2026-10-21 16:30','-0400',True,
"""Yes, please do. The project was cancelled in the spring.

Angela""", 'pending: "Yes, please do"; "in the spring" is past, not a callback')

r('pending','no','','','no/close-file','iphone','en','Rick Salazar','Salazar Trucking','driver-scorecard reports',
  '2026-11-05 08:40','2026-11-05 09:55','-0600',True,
"""Yes please

Sent from my iPhone""", 'pending: "Yes please" alone')

r('pending','no','','','no/close-file','apple-mail','en','Judith Cole','Coleman Publishing','subscription analytics',
  '2026-09-23 09:00','2026-09-24 11:10','-0400',True,
"""Hi Dana,

You can move us to that file. Nothing against Northwind -- the whole initiative got shelved when we were acquired. Thanks for being so responsive over the years, it really was a pleasure.

Judith""", 'pending: friendly close')

r('pending','no','','','no/close-file','outlook-plain','en','Gordon Fry','Fry & Partners Engineering','utilization reporting',
  '2026-10-28 10:00','2026-10-29 08:35','-0400',True,
"""That's fine, put it in the No Longer Interested file. We chose Looker.

Gordon""", 'pending: reply itself says "No Longer Interested file"')

r('pending','no','','','no/close-file','gmail','en','Tessa Boyd','Boyd Craft Brewing','taproom sales dashboards',
  '2026-11-18 09:20','2026-11-19 13:00','-0500',True,
"""Go ahead and close it out. Thanks for everything, Dana -- it was great working with you on the pilot!

Tessa""", 'pending: warm, positive-sounding close')

r('pending','no','','','no/close-file','gmail','fr','Pierre Garnier','Garnier Vins & Spiritueux','export sales reporting',
  '2026-10-20 08:00','2026-10-20 15:45','+0200',True,
"""Bonjour Dana,

Oui, vous pouvez classer le dossier. Nous avons choisi une autre solution.

Merci et bonne continuation,
Pierre""", 'pending: French "oui, vous pouvez classer le dossier"')

r('pending','no','','','no/unsubscribe','outlook','en','Harold Simms','Simms Industrial Coatings','batch-quality analytics',
  '2026-11-11 09:00','2026-11-11 11:40','-0500',True,
"""Please file it and take me off your distribution list.

H. Simms""", 'pending: close + unsubscribe')

# ---------------- AUTO ----------------
r('breakup','auto','','2026-10-16','auto/out-of-office','vacation','en','Erin Walsh','Lighthouse Coffee Roasters','wholesale order analytics',
  '2026-10-08 09:00','2026-10-08 09:01','-0400',True,
"""Hi,

I'm out of the office with limited access to email until Thursday, October 15. I'll respond to your message when I return.

Thanks,
Erin""", 'Gmail vacation responder, "until Thursday, October 15" -> back 16th')

r('breakup','auto','','2026-11-09','auto/out-of-office','exchange-ooo','en','Raymond Cho','Cho Medical Devices','complaint-trend analytics',
  '2026-10-29 09:30','2026-10-29 09:30','-0400',True,
"""Thank you for your email. I am currently out of the office and will return on Monday, November 9. For urgent matters please contact Linda Park at linda.park@cho-medical.example.

Best regards,
Raymond Cho""", 'Exchange OOO with Auto-Submitted, "return on Monday, November 9"')

r('breakup','auto','','','auto/out-of-office','exchange-ooo-bare','en','Kristin Holm','Holm Architecture','project-hours dashboards',
  '2026-09-30 10:00','2026-09-30 10:00','-0400',True,
"""Thank you for your message. I am on parental leave and will not have access to email. For anything urgent, please contact my colleague Per Ahlberg (per.ahlberg@holm-architecture.example).""", 'Exchange OOO without any auto header; no return date')

r('breakup','auto','','2026-11-02','auto/out-of-office','exchange-ooo','de','Sabine Krüger','Krüger Feinkost GmbH','branch sales analytics',
  '2026-10-21 08:30','2026-10-21 08:30','+0200',True,
"""Vielen Dank für Ihre Nachricht.

Ich bin bis zum 30.10.2026 nicht im Büro. Ab Montag, dem 2. November, bin ich wieder erreichbar. Ihre E-Mail wird nicht weitergeleitet. In dringenden Fällen wenden Sie sich bitte an vertrieb@krueger-feinkost.example.

Mit freundlichen Grüßen
Sabine Krüger""", 'German Abwesenheitsnotiz, explicit "ab Montag, dem 2. November"')

r('breakup','auto','','2026-11-07','auto/out-of-office','exchange-ooo','fr','Sophie Marchand','Marchand Cosmétiques','retail sell-out reporting',
  '2026-10-27 08:45','2026-10-27 08:45','+0100',True,
"""Bonjour,

Je suis absente du bureau jusqu'au 6 novembre inclus, avec un accès limité à mes e-mails. Je prendrai connaissance de votre message à mon retour.

Cordialement,
Sophie Marchand""", 'French Réponse automatique, "jusqu\'au 6 novembre inclus"')

r('breakup','auto','','2026-12-03','auto/out-of-office','vacation','es','Andrés Vidal','Vidal Agroindustrial','harvest analytics',
  '2026-11-25 08:00','2026-11-25 08:00','+0100',True,
"""Hola,

Estaré fuera de la oficina hasta el 2 de diciembre, con acceso limitado al correo. Responderé a su mensaje a mi regreso.

Un saludo,
Andrés Vidal""", 'Spanish Respuesta automática via Gmail vacation, "hasta el 2 de diciembre"')

r('breakup','auto','','','auto/bounce','bounce-postfix','en','Lyle Barrett','Barrett Tool & Die','machine downtime analytics',
  '2026-09-17 09:00','2026-09-17 09:00','-0400',False,
"""""", 'Postfix DSN from MAILER-DAEMON, user unknown')

r('breakup','auto','','','auto/bounce','bounce-exchange','en','Monica Hart','Hartwell Events','ticketing analytics',
  '2026-11-12 09:30','2026-11-12 09:30','-0500',False,
"""""", 'Exchange Online NDR, multipart/report, recipient not found')

r('breakup','auto','','','auto/left-company','exchange-ooo','en','Sarah Lindqvist','Fjordline Marine','vessel maintenance analytics',
  '2026-10-14 09:15','2026-10-14 09:15','+0200',True,
"""Thank you for your message. Sarah Lindqvist is no longer with Fjordline Marine and this mailbox is not monitored. Please direct your inquiry to info@fjordline-marine.example.""", 'left-company auto-reply')

r('breakup','auto','','','auto/left-company','exchange-ooo-bare','en','Greg Patel','Ironbridge Fabrication','weld-inspection reporting',
  '2026-11-19 09:00','2026-11-19 09:00','-0500',True,
"""This mailbox is no longer monitored. Greg Patel has left Ironbridge Fabrication. For purchasing inquiries, please contact purchasing@ironbridge-fab.example.""", 'left-company notice with no auto headers')

r('pending','auto','','2026-11-30','auto/out-of-office','vacation','en','Joyce Whitman','Whitman Family Dental','patient-recall analytics',
  '2026-11-20 09:00','2026-11-20 09:00','-0500',True,
"""Thanks for your note! I'm on vacation through Thanksgiving week and will be back in the office Monday, November 30.

Joyce""", 'pending: vacation responder, "back Monday, November 30"')

r('pending','auto','','','auto/ack','ticket','en','Purchasing Desk','Calder County Schools','transportation route analytics',
  '2026-10-08 09:30','2026-10-08 09:31','-0400',True,
"""Thank you for contacting Calder County Schools Purchasing.

Your request has been received and assigned ticket #48213. A member of our team will respond within 2 business days. Please do not reply to this message.""", 'pending to a shared mailbox: ticket acknowledgement')

# ---------------- REVIEW ----------------
r('breakup','review','','','review/unclear','gmail','en','Brent Kaufman','Kaufman Roofing','crew productivity reports',
  '2026-09-21 09:00','2026-09-21 14:22','-0500',True,
"""Who is this?""", 'does not remember; no decision possible')

r('breakup','review','','','review/unclear','outlook','en','Lisa Monroe','Monroe Capital Advisors','portfolio reporting',
  '2026-10-19 09:30','2026-10-20 11:05','-0400',True,
"""Hi Dana,

Can you remind me what this was about? I talk to a lot of vendors and I've lost track.

Lisa""", 'asks for context; neither yes nor later')

r('breakup','review','','','review/unclear','iphone','en','Curtis Lowe','Lowe Brothers Hauling','fuel-card analytics',
  '2026-11-02 08:30','2026-11-02 21:40','-0600',True,
"""Maybe. Depends on price

Sent from my iPhone""", 'maybe / price-dependent')

r('breakup','review','','','review/unclear','outlook-plain','en','Janet Pruitt','Pruitt Medical Billing','denial-rate dashboards',
  '2026-10-07 10:00','2026-10-08 09:15','-0400',True,
"""I forwarded this to our procurement team.""", 'forwarded to procurement; unclear next step')

r('breakup','review','','','review/unclear','apple-mail','en','Neil Ashford','Ashford Hotels','guest-satisfaction analytics',
  '2026-11-09 09:10','2026-11-10 18:30','-0500',True,
"""Hi Dana,

I'm honestly not sure. Things are changing a lot here and I don't know whether we'll have a need for this at all. Let me think about it.

Neil""", 'genuinely undecided')

r('breakup','review','','','review/unclear','gmail','en','Fiona Grant','Grant & Co Accountants','practice-management analytics',
  '2026-09-14 09:30','2026-09-14 16:05','-0400',True,
"""Ha -- you're persistent, I'll give you that.""", 'humour, no decision')

r('pending','review','','','review/unclear','gmail','en','Doug Ramsey','Ramsey Electrical Contractors','bid win-rate reporting',
  '2026-10-26 09:00','2026-10-27 08:30','-0400',True,
"""What notes? I don't remember us talking about this.""", 'pending: confused prospect')

r('pending','review','','','review/unclear','outlook','en','Carmen Ruiz','Ruiz Family Markets','shrink analytics',
  '2026-11-16 09:20','2026-11-17 10:10','-0500',True,
"""Let me check with Marco and get back to you.

Carmen""", 'pending: will check internally')
