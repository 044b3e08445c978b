"""A few thousand first names, for the tiny GPT to learn from (docs/gpt.md).

The 5,163 different first names of the 1990 United States census: its lists of female first names (4,275) and of
male first names (1,219), lowercased, a name on both lists once, most frequent first (a name's frequency being
the sum of its two lists' percentages). Source: the US Census Bureau's "Frequently Occurring Surnames and First
Names" from the 1990 census, a work of the United States government and so in the public domain (17 U.S.C. 105),
as shipped in the files `dist.female.first` and `dist.male.first` of the PyPI package `names` 0.3.0 (whose own
code is MIT-licensed; its README states that these data files are public domain).

Every name is made of the letters a-z only, 2 to 11 of them.
"""

import random

NAMES = """
james john robert michael mary william david richard charles joseph thomas patricia christopher linda barbara
daniel paul mark elizabeth donald george jennifer maria kenneth susan steven edward margaret brian dorothy ronald
anthony lisa kevin nancy karen betty helen jason matthew gary timothy sandra jose larry jeffrey donna frank carol
ruth scott eric stephen andrew sharon michelle laura sarah kimberly deborah jessica raymond shirley cynthia angela
melissa brenda amy jerry gregory anna joshua rebecca virginia kathleen dennis pamela martha debra amanda walter
stephanie willie patrick terry carolyn christine peter janet marie frances catherine harold douglas henry ann joyce
diane alice jean carl julie kelly arthur heather teresa doris gloria ryan joe evelyn roger juan ashley jack albert
cheryl joan jonathan justin katherine mildred gerald keith samuel judith rose janice lawrence ralph nicole judy
christina nicholas roy kathy theresa benjamin beverly denise bruce brandon adam tammy billy fred irene harry jane
wayne lori louis steve tracy jeremy aaron andrea rachel marilyn robin randy leslie kathryn eugene bobby carlos
howard louise sara anne jacqueline wanda russell shawn bonnie julia victor chris ruby lois tina jamie phyllis
martin norma jesse paula annie diana ernest shannon lee phillip todd lillian emily peggy crystal carmen craig kim
connie gladys alan rita dawn dale florence francis sean clarence johnny edna philip tiffany rosa tony earl jimmy
antonio cindy luis bryan danny mike grace leonard stanley nathan wendy curtis manuel rodney victoria edith norman
sherry josephine sylvia allen sheila thelma ethel lynn elaine ellen marjorie carrie marvin marion charlotte glenn
vincent travis esther jeff jeffery monica chad emma jacob pauline dana juanita kyle jessie melvin alfred anita
rhonda hazel amber bradley eva ray debbie jesus eddie herbert april frederick joel clara lucille gail eleanor
joanne danielle valerie edwin erin megan alicia don michele suzanne bertha darlene jill veronica lauren geraldine
ricky troy randall stacy cathy joann lorraine sally alexander barry jackie regina beatrice erica dolores bernice
audrey bernard mario francisco yvonne annette june leroy micheal marcus samantha clifford oscar theodore miguel jay
ana renee ida jim vivian alex angel brittany holly roberta ronnie tom jon melanie calvin jeanette loretta tommy
yolanda laurie katie leon bill derek lloyd stacey alma kristen sue vanessa beth elsie warren jeanne vicki darrell
jerome carla dean floyd leo rosemary tara alvin courtney eileen terri wesley gordon greg jorge tim corey derrick
dustin gertrude lucy pedro dan tonya ella lewis gina kristin maurice wilma zachary agnes clyde natalie roberto vera
vernon charlene herman bessie charlie delores shane arlene glen hector melinda pearl sam ricardo allison colleen
gene lester maureen tamara constance georgia johnnie joy rick tyler brent claudia lillie marcia ramon gilbert
minnie nellie tanya glenda heidi marlene marc billie lydia marian viola caroline stella guadalupe dora reginald
brett casey cecil jo jaime ruben vickie mattie nathaniel rafael edgar milton irma maxine raul adrian andre ben
chester mabel marsha myrtle christy duane franklin lena tracey deanna gabriel patsy jimmie bobbie christian elmer
hilda gwendolyn brad jennie mitchell nora cory arnold cassandra harvey leah margie nina roland ron karl carole
jared kay naomi penny priscilla brandy olga jan claude dianne leona lonnie erik felicia jenny jordan sonia darryl
kerry lindsey becky miriam neil velma clinton cody fernando javier kristina violet darren julio lindsay mathew rene
ted toni tyrone lance mae misty daisy jody kurt pat ramona sandy shelly sherri allan claire erika katrina nelson
clayton guy hugh belinda dwayne geneva margarita max sheryl armando cora dwight faye felix ada everett isabel
natasha sabrina harriet hattie ian marguerite wallace sidney blanche bob brandi cecilia iris joanna ken kristi
molly rosie alfredo angie eunice julian alberto dave freddie inez ivan lynda daryl alberta amelia byron madeline
perry candace genevieve isaac janie jodi kayla kristine maggie monique morris sonya alison clifton fannie marshall
maryann melody opal ross virgil willard yvette whitney andy flora kirk luz olivia salvador sergio shelley susie
antoinette beulah kent kristy lola lula mamie seth terrance verna eduardo gayle terrence candice donnie enrique
jeannette joey juana kelli pam austin bridget frankie hannah wade evan celia karla stuart alejandro arturo della
fredrick latoya luther lynne nick patty shelia vicky jeremiah julius marianne sheri wendell angelo blanca erma
jacquelyn kara otis shaun alexis cameron doug gerard homer krista leticia luke myra oliver roxanne trevor morgan
antonia ira adrienne alexandra angelica bennie bernadette bethany brooke hubert kenny robyn rosalie sadie alfonso
chelsea ernestine jasmine kendra laverne lyle mable matt muriel nichole rachael traci angelina blake carlton elena
ernesto krystal loren marcella neal ollie orlando rex leigh rudy shelby taylor dianna estelle grant horace kari
lora lorenzo nadine noel omar pablo paulette roderick wilbur abraham desiree doreen kelley mona rickey rosemarie
willis andres betsy cesar christie damon freda ginger hope janis johnathan kelvin malcolm preston rudolph alton
archie cristina eula lynette marco mercedes meredith robbie teri tommie wm carroll cecelia devin dominic ed eloise
felipe garry geoffrey gerardo gretchen jonathon meghan merle pete randolph rochelle sophia alyssa colin delbert
earnest guillermo gwen henrietta jana lucas raquel benny cleo edmund jenna myron olive rodolfo spencer tasha tricia
cedric darla delia elvira essie garrett gregg jewel kate kellie lana lila lorena lowell mandy may mindy patti
salvatore silvia sonja sophie camille dixie elsa faith israel jeannie jermaine johanna josefina lela lorene lucia
marta marty miranda roosevelt shari sherman sylvester wilson aimee alisha ebony elisa forrest kristie leland marina
melba nettie ora rena shawna tabitha tami wilbert winifred dallas sammy addie aubrey bonita bryant clark irving
latasha marla myrna owen patrice ronda sherrie simon tammie abigail adele adriana cara celeste cheri deloris dorthy
drew ellis francine gustavo jake jewell kristopher laurence levi lou lucinda lupe mack marcos rebekah rosario rufus
stacie woodrow aurora brittney clint corinne dominique effie elva estella etta fern francisca gale gilberto helene
ismael janelle josie karin kelsey kerri laurel lenora lionel lottie lourdes marissa nicolas nikki orville reba
sallie tracie trina trisha aida al bettie caitlin caleb cary cassie christa dewey elisabeth erick ervin eugenia
goldie hugo ignacio ina ingrid iva jenifer josh lesley maude santos sheldon toby tomas wilfred alonzo bert candy
carey cherie conrad consuelo darnell darrel debora dena dina doyle elbert elias janette kris latonya lorna noah
polly ramiro rogelio rosetta santiago stewart tamika terence therese van bradford carolina clay cornelius dee devon
dexter dorothea esperanza fay grady helena jillian kimberley lamar nell patrica percy phil rolando shanna stefanie
terrell trudy alisa amos darin irvin janine kendall maribel mickey mollie moses ola randal roman saul susanne louie
micah abel alta bette boyd brendan cecile daphne darrin domingo dominick edmond elijah elise emanuel emil emilio
emmett ester graciela imogene isabelle jerald jocelyn jolene joni keisha leola marlon paige petra rachelle susana
timmy winston demetrius logan adeline beatriz bret carmela charity clarice dewayne emmanuel gabriela glenna gracie
humberto jaclyn jayne jess keri kirsten lacey lizzie marisa marisol mayra otto reynaldo rosalind shana sondra
stephan teddy tonia trent ursula will angelia angeline autumn cathleen christi claudette efrain eldon elma ethan
frieda gabrielle garland harley heath jeanine jodie justine katharine lamont lea lily luella margret miles millie
rodger royce sammie shauna sheena staci summer vicente young abby aileen antoine bobbi bryce callie chase chuck
cleveland damian deana dolly dylan eli elton freddy gerry grover ivy jeannine junior ladonna lara leanne lorie
lucile luisa manuela marcy margo maritza martina mavis pierre rocky selma socorro sterling sybil willa winnie
agustin audra august barbra benito bettye bianca blaine bridgette cornelia cruz curt eliza ernie erwin georgina
hans jasper jeri kasey latisha leann leila leonardo magdalena matilda meagan monte murray ofelia quentin randi
reuben russel simone stan sydney virgie adela adolfo alexandria ali ariel ava bart bernadine brady brianna buddy
burton catalina chandra clarissa concepcion corrine damien darwin denis desmond dona earline elliot elliott elnora
ericka estela flossie gregorio greta haley harlan harrison hilary ila jamal jami jarrod joaquin lenore letha lidia
lilly mia michel minerva nelda nola rae rhoda rosalyn ruthie sharron son terrie tia tyson valarie vance wilfredo
alva blair marlin odell rory yong allie allyson amie anton ashlee avis benita brain darius elvin elwood emilia
esmeralda esteban eve hal harriett hillary jeanie karina kendrick kermit lacy loraine malinda marylou melisa
milagros moises nannie neva nolan norbert noreen odessa pearlie penelope quinton rob rod roscoe saundra scotty
serena sofia solomon tabatha tameka tania williams xavier zelma alana alejandra althea alvaro annabelle armand
avery bryon carlene carmella clare cliff dane darcy earlene earnestine elinor elisha fabian fidel gay graham
jackson jeffry jerri joesph julianne katy lilia liza lorrie louisa mallory marcel marcie mason monty ned nita noemi
raphael reggie rickie rosalinda rusty selena tanisha thaddeus thurman adolph aline alissa alphonso charmaine chong
chrystal clair claudine colette corine deanne denny derick diego dion dollie edwina evangeline fran georgette
gonzalo gus hollis ilene isaiah ivory juliana kathie kathrine kaye kenya kirby lakisha lane lavern lavonne lawanda
lilian lina loyd luann madge margery mari maricela maryanne melva millard mitzi nadia nanette noe nona norris
numbers ophelia rigoberto rocco rodrigo roslyn roxie suzette tammi trinidad ty valeria vaughn wiley yesenia alyce
amalia anastasia araceli arline augusta augustine aurelia basil bernardo bernie berta briana bruno carly chasity
clement cole corina coy dante davis deena deidre deirdre donnell donovan dusty eddy elvia elvis emery federico
gavin gena heriberto hiram imelda issac janna jarvis jayson jefferson johnie josefa juliette katelyn lakeisha
leonor lessie liliana lynnette madelyn marci marietta marva mauricio maxwell maynard natalia nickolas quincy reed
reva riley romeo rosanne roseann rosella sasha savannah scot sebastian sheree susanna tessa tristan ulysses vern
vilma vince ward wendi colby merrill carrol jame stevie aisha alba alfreda alyson amparo angelique angelita
annmarie art aurelio barney beau bertie beryl bridgett brigitte britney brock carissa carlo carmelo carter casandra
cathryn charley cherry coleen collin concetta delmar denver diann dick dionne donny dudley enid erna evangelina
fanny florine francesca frederic freida galen gilda hallie harris helga hester hollie hunter ines irwin isidro
jacklyn janell jannie johnathon juliet kaitlin karyn katheryn katina kurtis lauri leanna lelia linwood liz lolita
madeleine mai mara marcelino mariana marquita maryellen maura merlin millicent nestor phoebe queen reyna rhea
rosanna rowena sanford silas stefan tamera tamra tisha trenton truman twila vito weldon wilda winfred abbie adan
adelaide allene antionette antony arron ashleigh bennett beverley booker branden brandie buford camilla carson
caryn celina chelsey cornell cortney dalton danial daren dayna deann deidra denice dessie dirk doretha dorian
edwardo edythe elba elda emerson emilie emory errol felecia fletcher gayla genaro geri germaine german gussie
herminia hong houston hung isabella jacques jade jasmin josue judi justina kaitlyn kathi kimberlee kitty lakesha
landon lashonda latanya leeann leonel lesa leta letitia libby lincoln louella ma margot mariano mellisa michaela
michell mina mohammad monika monroe nan nelly noelle octavia octavio pamala pansy pasquale raymundo refugio renae
robby rocio rosalia sang scottie selina sharlene shelton sierra sonny terra theron tori vonda wilford wilmer
zachery zelda abdul adelina adrianne agatha aldo alecia alene alphonse anderson arleen arnulfo athena belle berry
bess birdie brianne britt brooks caren cari carmine catrina celestine chadwick chance chantel chi chloe christen
christin chung cindi cyril cyrus danette daniela danna dara debby delilah delma delphine demetria deon destiny
dinah dottie duncan eleanore elia elida eloisa erich ernestina eugenio ezra fatima ferdinand forest freeman garth
giovanni griselda guillermina hanna herschel hortencia iola iona ivette jacquline jamel jamey janel jaqueline
jarrett jeanna jena jonas karrie kennith krystle lashawn latrice lazaro leora lon lona luciano lucien lucretia
major malissa marianna marilynn marisela marybeth maryjane maudie maurine merry mervin migdalia minh mitchel
mohammed morton myles nilda oma paris pattie portia racheal randell rebeca reid retha rich robbin ronny rosalee
rosita russ seymour shellie shiela shonda soledad sun sung taryn tawana tera teresita tessie thad thanh theo
theodora tillie treva valentin veda verda vernice vida virgina wilburn wilhelmina winona zane abe ahmad alden alec
aletha alexa alfonzo alina alvina annemarie annetta antwan aretha aron barb barton bella belva berniece bettina
boris brant breanna brenton burt candida caridad carmel carmelita catharine cathrine chang charla christal
christoper claudio coleman cori cristy dalia damaris dannie deandre delois dewitt dino dominga donn dorris earle
edgardo efren eliseo elissa ellie elmo elouise eloy elyse emile erlinda everette evette faustino felicita filomena
flor foster fritz gil gillian gino gisela harriette haydee hershel india ione isabell isiah jae jamaal jamar jarred
jayme jerold jerrod josef josiah judson jules jung kareem kerrie kieth kira kisha kristal kylie lanny larissa
lauretta lemuel leopoldo leota les lettie lorri lucio lura lyman lyn madonna mandi marcela margarito marge marjory
marquis matilde maya mayme mellissa melodie michal milford mirna missy mitch napoleon nicky nigel norberto normand
olin oralia osvaldo parker paulina pearline phillis pilar pricilla quinn rafaela reina reinaldo renita reta rico
rodrick roseanne rosendo roxana roxanna royal rubin samatha sandi santa shanda shayla sol suzan tamela tana tanner
tiara tiffani tomasa tory trey una vada val valencia valentine venus vernell vesta weston wilton wyatt zella
zenaida zoe zoila abram adalberto adell ahmed alaina alpha amado andra andria anibal anissa annamarie antone
antonette ariana asia augustus aura barrett belen bertram bo bradly brendon brenna brice bud burl candi chanel
chantal charleen charline chastity chauncey chet chiquita clementine cletus collette columbus cordelia corrie
cristal damion danelle danita dario darleen darrick debi debrah delfina delmer demarcus dillon dong donte dorcas
dorene dortha dovie dulce dwain easter enoch eulalia fabiola fermin florencio floy fredric gabriella garfield gaye
genoveva georgiana georgianna geraldo gerri gertie ginny giuseppe gregoria hank hassan hayley hellen herlinda
hilario hildegard hilton hipolito horacio huey idella ima isaias ivonne jacque jacquelin jamison jannette jeana jed
jefferey jerrold jesica joelle johnna jonah josette jovita jude juli julianna karol karon keenan kenton kesha
keshia keven kia kip kory kyla lan laquita latonia latricia lawerence leilani lenard lenny leone leonora lia lindy
lizette lorine louann luanne lucila lyndon mac magda majorie man marcelle marcelo mariah mariam markus marlena
marlyn marlys maud mauro maximo mckinley mei mel melvina mi micaela mikel milo mimi misti mohamed moshe mozelle
myrtis nakia nathalie nedra nereida newton nicki niki nikita noble odis olen oleta omer ona oren orval otha perla
philomena porfirio precious prince princess quintin raleigh raven renata renate reyes richelle richie robt rolland
roma romona rosalba rosalina roselyn roxann rupert sabina sal shanon shantel sharonda sharyn shayne shelli stacia
stanford stephany stephenie sunny suzanna tad tatiana tena teodoro thea theda tiana tobias tod tonja tosha trista
twyla tyra tyree tyrell tyron valentina valorie velda venessa verla vikki violeta viviana waldo walker werner willy
yadira zachariah abbey adelaida adriane adrianna alanna albina alda alesha alesia aleta alonso altagracia ambrose
ami anabel andreas anh antione aracely arden ardis ardith arlen arlie armida arnoldo artie asa ashton astrid bambi
benedict benton bernita blanch bonny boyce brigette brittani broderick brook buck buster caitlyn candelaria carina
carleen carlotta carman carolee caryl cathie catina cedrick chanda charisse chas chelsie cherly cheryle chrissy
cinthia claud clemente colton coral cordell corinna cortez cristine cristobal cristopher daniella danilo darci
darell daria daron darron dawna deangelo del deshawn dian domenic donita dori dorinda dorsey douglass edie edison
edmundo elaina elden eldridge elenor elizebeth ellsworth elroy emmitt ena enriqueta era erasmo eusebio evie evonne
ezekiel ezequiel farrah fausto fawn felicitas felipa felisha felton filiberto florentino florida francesco franklyn
garnet garret gaston gaylord georgie gerda giselle graig granville hai hailey harland hayden haywood herb
hermelinda hobert holli hortense hosea hoyt hyman ike ileana ilse inge isreal jacinto jada jaimie jamila janeen
janina jarod jc jeane jeanetta jenelle jeniffer jennette jenni jeramy jere jeromy jerrell jerrie joanie joellen
johnson joleen jonnie jordon josephina jospeh joycelyn kala kami karissa karolyn kassandra keely keneth king korey
kori kraig kristofer kyong kyra kyung lacie lakeshia lashanda latosha laureen laurette lavina lavon leandro
leatrice leif leisa len lida linnea linnie lino lise lisette lissette lizabeth lizbeth long lonny lorenza lovie
lucie lucius luigi lulu lyndsey lynwood mackenzie magdalene magnolia malcom malik manual maranda marcelina
marcellus margarette mariann marilee marita marnie marquerite marti marvel marylin maxie maybelle meaghan melina
melony meta michale milan miquel mireya mirian mittie modesto mose myriam nanci nannette nathanael nathanial
natividad nena neville nicola nila nova novella nydia ok orpha oswaldo palmer peggie pennie phuong phylis phyliss
porter prudence rashad rayford raymon renaldo renato rey rhett rhiannon rolf rona roseanna rosina roxane rubye
rudolf rueben ruthann salina samual sanjuana sanjuanita santo scarlett shad shaina shalonda shameka shamika shanta
shante shara sharla shayna sherie sherita sherrill sherwood shirlene shon sid soon stanton starla starr susannah
tawanda tawnya teena terese teressa thuy tierra tiffanie titus tomeka toney toya trena tresa tressa tuan venita
vergie vickey vincenzo virgilio von wally walton warner waylon wes wilber willian windy winford winnifred xiomara
yasmin yolonda yoshiko zack zackary zola zoraida adelia adella adelle adina adria afton agustina aja albertha
albertine alena alethea alexia alida almeda alycia alysia amada america anastacia angella anglea anika anitra
annabel anneliese antonina arcelia arielle arlette asha ashely ashlie ashly audry aurea awilda ayesha bailey barbie
bea berenice bobbye brandee breanne bree buffy cami candance candis carin carlota carlyn carma carolann carolynn
caron carri cassidy cathi cecily chana chantelle charissa charlette charolette cherise cherri cherrie cheyenne
christel christene christiana christiane chun ciara cierra cinda claribel cleta corazon corene corrina cristi
cristin cyndi cythia dani danica daniele dannielle danyelle darcie darline davida davina deb debbra dedra delora
delphia demetra deneen denna desirae domenica dorotha dorthea eartha eboni eda edelmira eden elana eldora eleanora
elfriede elmira elna elvera emelia emogene enedina estrella ethelyn eugenie eun evalyn evelia evon fallon felica
felice felisa ferne fiona florene fonda gaynell gemma georgetta geralyn giovanna gisele gladis glory golda gretta
hedwig hettie hoa hortensia hui hulda huong idalia iliana ilona in inga ingeborg irena isela jacalyn jacinta
jackeline jammie janae janene janey jaunita jazmin jenniffer jeraldine jerilyn jettie joana joetta johnetta joi
jolynn jonna judie juliann julieta julissa kacey kaci kacie kandace kandi kandice kandy karan karie karlene karri
kasandra kathlene kathlyn kathryne kathyrn kaylee kecia keiko keli kelsie kenna kenyatta kiara kimberely kirstin
kizzy kristan kristian kristyn krystyna kum kylee laci lai lanette lani lanita larue laurene lavada lavinia lavonda
leandra leatha leda leesa lennie leslee lesli li liana liane lin linette linh linsey lissa lita loreen lorelei
lorinda lorretta lu luana luciana lucienne lue lupita lyda lyla lyndsay machelle madison maegan maira malia
margarete maribeth mariela marilou marlo marry martine maryjo marylee marylyn mathilda mazie mechelle mee meg
melonie mercy meryl mickie milissa mindi mira mirta modesta moira mozell my myong myrtice nada nakisha nelida nella
nelle nia nichelle nichol nicolasa nicolette nidia nilsa ninfa noelia norene norine ocie odette oliva otilia ouida
page palma paola pinkie racquel randa rashida regan renea rina rolanda romana ronna rosaline rosalva rosaria
rosaura rufina sabine sabra sade sarita shandra shanell shani shanika shanita shannan shantell sharee sharen shasta
shawanda shay shena sherilyn sheron sherron sherryl shirlee shirly sibyl sigrid simona siobhan star stefani
stephaine stephani stephine stormy su sunshine susann suzie suzy syble talia tamar tamatha tamie tamiko tanesha
tangela tanika tarsha tawanna tenisha teodora tess thersa thomasina tiffiny tracee tressie trish velia velva vernie
vernita verona vicenta vina vita viva vonnie wanita willene wynona yetta yoko yu zaida zandra zena zenobia zina
zona zora zula zulma adaline adriene akiko albertina aleida alejandrina alethia alia alica alise alishia alisia
alix aliza alla allegra alline almeta altha alvera alyse alysha amina ammie andree anette angele angelena angeles
angelic angelika angle anjanette annabell annalee annalisa annamae annett annice annis antonietta anya apryl
aracelis ardell ardella ariane arianna arie arla arlena arletta armanda arminda arnetta arnita arvilla ashli ashlyn
assunta asuncion audie audrea augustina aundrea avelina ayana ayanna azucena babara babette barbar barbera beckie
belia berneice bernetta bethann bethel betsey bev beverlee billye birgit blythe branda brigid brigida brinda
britany britni brittni bronwyn brunilda brynn camelia cammie candie candyce caprice carie carisa carletta carley
carlie carline carmelina carmon carolyne casie catarina caterina cathey cecila celena celestina celine chante
chantell charise chau chaya cherish cherryl cheryll chin christeen christena cicely ciera clarine clarita
clementina clemmie cleopatra cleora clotilde coletta collen conchita consuela cordie coreen coretta corie corliss
criselda crissy crista cristen cristie dagmar dahlia daisey dalila danae dania danika dannette danuta daphine darby
dawne dayle deandra deane debbi debroah deeann delana delena delicia delinda delisa dell delpha delta demetrice
denese denisha denita dennise desire detra devona devora devorah diamond diedra diedre digna dimple dione dionna
doloris dominque domonique donetta donya dorathy dorie dorine dot dreama drema drucilla drusilla dung dyan earlean
earleen echo edda elanor elayne elease eleni elenora eliana elicia elizbeth elke elly ellyn elodia elois else elvie
elvina ema emelda emiko emilee emmie emmy eneida enola epifania erinn erlene erline ermelinda erminia esta estell
ethelene ethyl evelin evelina eveline evelyne exie fae farah faustina fe fernanda flavia flo florance florencia
florentina floretta florinda france francie francina francoise frederica fredericka fredia freeda fumiko gabriele
garnett gaylene gearldine genia genie gennie georgene georgine gertha gertrud gia gigi glady glendora glennie
glennis glinda glynda gracia gudrun gwenda gwenn gwyn ha hae halina hana hanh hannelore harmony hedy hee heide
henriette hermina hermine hilaria hilde hildegarde hildred hilma hiroko holley honey hyacinth hye hyon hyun idell
iesha ignacia ilana ilda iluminada indira inell inger inocencia irina irish irmgard isa isaura isidra isis ivana
jacki jacqualine jacquelyne jacquelynn jacquiline jacqulyn jadwiga jaleesa janay janessa janeth janett janetta
janita jann jazmine jeanene jen jenell jenette jeni jenice jenine jenise jennefer jesenia jessenia jessi jesusa jin
jina jodee joeann joella johana jolanda jolie jona jonell jonelle joselyn joslyn joye julee juliane julienne junita
jutta kacy kaley kali kam karey karine karleen karma karmen karren karyl kasie kassie kathaleen katharina kathe
katherin kathern kathey kati katia katlyn katrice kattie kayleen kayleigh kaylene kazuko keena keesha kelle kellee
kellye kena kenisha kenyetta kiana kiera kiesha kiley kimber kimberli kimberlie kimbery kimiko kindra kourtney
kristel krysta kym kymberly lady laila lanell larae laraine larhonda larisa laronda lasandra lashunda latashia
latesha latia laticia latoria latrina launa laure laurice laurine lavera laverna lavonia lawana lawanna layla le
leana leeanna leeanne leighann lenna leonarda leonie leonila leonore lera lesia letty lexie lezlie liberty librada
lien ligia lili lilla ling lisbeth lisha livia loan loida loma loni lonna lore loree loriann lory louanne louvenia
lovella loyce lucina lucrecia ludie luise luna lurline luvenia lynell lynelle lynsey macie macy madaline madalyn
madie madlyn magaly magan magaret magdalen magen maia maida malika malisa mammie mana manda maple marceline maren
margareta margarett margaretta margarite margart margeret marget margit margorie marguerita margurite mariel marilu
markita marlana marleen marlen marna marni marquetta marya maryalice maryam masako mathilde maybell maye mckenzie
meggan meghann melaine melany melissia mellie melynda meri meridith merilyn merlene merna merri micheline michiko
micki miguelina mika mikki mila milagro min minna mireille mirtha monserrate mozella mui myrle myrtie myung nakita
nana nancie naoma narcisa natosha nelia neoma nerissa neta nga ngoc nickie nickole nicol nicolle nieves nikia
nikole noella noma norah nyla obdulia odilia olympia omega oneida ossie ozella pamelia pamella pandora particia
patience patrina pauletta pearle pearlene penney penni petrina pia piedad piper porsha qiana queenie quiana rachele
rachell raeann raina ramonita rana ranae randee rasheeda raye raylene rayna reatha rebbeca rebbecca reda regena
regenia reiko remedios renetta retta rikki risa rochell romaine romelia roni ronni rosamond rosana rosann rosia
rozella rubie sachiko salena salome samara samira sanora santana santina sari sarina savanna scarlet sebrina selene
serina sha shakira shaneka shanelle shanice sharita sharleen sharyl shaunna shavon shavonne shawana shawnda shawnee
shawnna shea sheilah shela shelba shemika shenita sherley sherly sherlyn sherrell shery shira shirleen shona shonna
shoshana shu signe silva silvana sindy skye slyvia so solange sommer song soo sook soraya spring stefania steffanie
stephane sudie sueann suellen suk suzann synthia syreeta tabetha takisha talisha talitha tam tamala tameika tamekia
tamesha tamica tammara tanja tanna tarah tashia tawny temeka tennie tennille tequila tereasa terresa tesha thalia
thao theola theresia thomasine thresa thu tianna tiesha tiny tomika tomoko tonda tonie toshiko towanda trang
trinity trudi trudie trula tuyet twana tyesha usha valda valery vallie vanda vanesa vanita vannessa vella velvet
vena venice veola verdell verdie verena verlene verlie vernetta versie veta vincenza vinnie violette vivan vivien
vivienne wai waltraud wei willette willia wonda yan yang yanira yee yen yi ying yolande yolando yukiko yuko yun
zita zofia zulema adah adena adrien agnus agripina agueda ai aide aiko ailene akilah alaine alane alayna alease
aleen aleisha aleshia alessandra alfredia alita alleen allena allyn alona alverta alysa amal amberly amee amiee
amira an analisa anamaria andera angelyn angila angla anisa anisha anja anjelica annamaria annelle annika annita
antonetta apolonia ara ardath ardelia ardelle argelia argentina arianne arica arlean arletha arlinda arlyne
armandina arnette ashanti ashlea asley audria audrie aurore avril ayako azalee azzie bao barabara bari barrie
basilia beata beatris beaulah bebe becki bee belkis bell berna bernarda bernardina bernardine bethanie bettyann
beula bibi billi blondell blossom bobette bok bong brande breana breann britta brittaney brittanie britteny brittny
bruna bryanna buena bula bulah bunny burma calandra calista camellia camie camila cammy candra carita carlee
carlena carli carlita carmelia carmina carola carolin caroll caroyln carry carylon casimira cassaundra cassey cassi
cassondra cassy catherin catherina cathern catheryn catrice cayla cecille celesta celinda celsa ceola chae chan
chanell chanelle chantay chara charis charita charlena charlesetta charlott charlsie charlyn charmain chasidy
chassidy cher chere cheree cherelle cherilyn cherlyn chery chia chieko china ching christia christinia chu
cinderella cindie cira claretha claretta clarinda claris clarisa classie claudie clelia clemencia cleotilde clora
clorinda codi colene collene conception concha contessa coralee coralie cordia corrin corrinne creola cris crysta
crystle cuc cyndy cyrstal dacia dagny daina daine dakota dalene daniell danille dann danyel danyell darcel darcey
darlena daysi deadra deandrea debera dede deeanna deedee deedra deetta deja delaine delcie delila delmy deloise
deloras delorse delsie denae denisse denyse deonna despina dia dierdre dinorah divina dodie dominica domitila
donella donette donnetta donnette doreatha dorethea doretta doria dorla dorthey dotty dulcie dusti dwana earlie
ebonie edra edris edyth ehtel eilene ela eladia elane elene elenore eleonor eleonora eleonore elfreda elfrieda
elidia elin elina elinore eliz elizabet ellamae ellan ellena elli elsy elwanda elza emelina emeline emely emerald
emerita emmaline enda eryn estefana etha etsuko ettie eufemia eugena eulah euna eura eusebia eustolia evelynn evia
evita ewa fairy fatimah faviola felicidad fermina fernande fidela fidelia fleta floria florrie francene franchesca
fransisca fredda fredricka frida gala galina gaynelle gema genesis genevie genevive genna genny georgann georgeann
georgeanna georgiann georgianne gertrudis gertude ghislaine gianna gidget gilberte gilma ginette gita giuseppina
glayds glynis golden grayce grazyna gricelda grisel gwyneth halley han hang hassie heidy heike helaine herma
hermila herta hertha hiedi hien hisako hsiu hue hwa hyo ileen illa iraida isadora isobel ivelisse ivey izetta izola
ja jacelyn jacinda jackelyn jackqueline jacquetta jacqui jacquie jaimee jalisa jama jamee jamika janean janee
janella jani janiece janise jannet january janyce jaquelyn jaye jaymie jayna jeanelle jeanett jeanice jeanmarie
jeannetta jeffie jenae jene jenee jeneva jennell jennine jerica jerlene jerrica jessia jessika jestine jesusita
jetta ji jinny joane joannie joaquina joette johanne johna johnette johnsie joie joline jolyn jone jong jonie
josefine josphine jovan joya jule julene julieann julietta junie junko justa ka kai kaila kaleigh kallie kalyn
kamala kamilah kandis kandra kanesha kanisha kareen karena karima karisa karly karlyn karole karoline karry kary
kasha kasi katelin katelynn katerine katharyn katheleen katherina kathline kathrin kayce kaycee keeley keila keira
keitha kelsi kemberly kenda kendal kenia kera keren kerstin keturah keva khadijah khalilah kiersten kimbra kimi
kina kirstie kit kittie kiyoko kizzie klara kortney krishna krissy kristeen kristle krysten krystin krystina kyoko
lachelle lacresha ladawn lael lahoma laine lajuana lakeesha lakendra lakenya lakia lakiesha lakita lala lamonica
lanelle lang lanie lannie lanora laquanda laree larita larraine lashandra lashaun lashaunda lashawna lashawnda
lashay lashell lashon lasonya latarsha latina latoyia latrisha lauralee lauran laurena laurinda lauryn lavelle
lavenia laveta lavette lavona lavone lavonna layne lean leanora lecia leena leia leida leigha leisha lekisha lelah
lenita leoma leonia leonida leontine lesha letisha lianne libbie lieselotte lilli lillia lilliam lilliana lindsy
linn lisabeth lisandra lizeth lizzette loise londa loralee lorean loreta lorette loria lorilee lorina loris lorita
lorriane lorrine louetta loura lourie love lovetta luanna luba luci lucilla ludivina luetta lurlene lyndia lynetta
lynna mabelle madalene maddie madelaine madelene mafalda magali mahalia maile maire maisha maisie makeda malena
malka mallie malorie malvina mandie manie many mao maragaret maragret marcelene marcell marcene marchelle mardell
marg margene margert margherita margrett margy marhta marianela marica maricruz mariella marielle mariette mariko
marin marinda marine maris marisha marivel marketta marline marquitta marth marvella marvis marx maryanna marybelle
maryetta maryland maryln marylouise marylynn maryrose matha maurita maxima maximina mayola meda melani melania
melda melia melida melita melodee melodi mendy mercedez merideth merissa merlyn merrie merrilee mertie mica micha
michaele michelina miesha mignon mikaela miki milda milly minda ming minta mirella misha miss mistie mitsue mitsuko
mitzie miyoko monet monnie moon mora moriah muoi myesha myrl myrta na nadene naida nakesha nam nancee nancey
natacha natalya natashia natisha necole neda neely neida nenita neomi nery nevada ngan nguyet nicholle nida niesha
nisha nobuko nohemi noriko nu nubia oda odelia olene olevia olimpia olinda onie onita oralee oretha otelia ozell
ozie pa palmira pamila pamula parthenia pasty patria paulene paulita paz pearly peg pei petronila phebe phung
phylicia ping pok porsche priscila providencia pura quyen rachal raelene raguel raisa ranee raymonde rea reagan
reanna rebecka reena refugia regine reginia reita rema remona renay renda renna ressie reynalda rheba rhona ria
ricarda ricki rima riva rivka robbi robbyn robena rochel rolande rosamaria roselee roselia roseline roselle rosena
rosenda rosette rosio rossana rossie rosy roxy rozanne rubi rutha ruthanne ruthe ryann sacha sadye sage salley
samella sana sanda sandee sandie sarai saran saturnina sau season see seema sena senaida september serafina serita
setsuko shae shakia shakita shala shalanda shalon shan shanae shandi shanel shaniqua shantae shantay shantelle
shanti shaquana shaquita sharan sharda sharell sharice sharie sharika sharilyn sharmaine sharolyn sharri shaunda
shaunta shaunte shavonda shawanna shawnta sheba shella shemeka shenika shenna shera sherell sherice sheridan
sherika sherill sherise sherlene sherril sheryll shila shiloh shin shirely shirl shizue shizuko shondra shonta
shyla sima simonne sina sirena siu sixta soila somer sona sparkle stacee stasia stefany stepanie stephania stephnie
suanne sulema sumiko sunday sunni susy suzi svetlana sylvie ta tai taina taisha tajuana takako tama tambra tamisha
tammera tandra tandy taneka taren tari tarra tashina tasia tatum tatyana taunya tawna tayna tegan teisha telma
temika tempie temple tenesha teofila teresia terica terina terisa terrilyn theressa thi thomasena thora tien tiera
tifany tiffaney tijuana tilda timika tinisha tisa tish tobi tobie toccara toi tomi tomiko tommye tona tonette
tonisha tonita tora torie torri torrie toshia tova tran treasa treena trinh tu tula twanda twanna tyisha tynisha
ula ulrike un ute valene valeri valrie vanetta vania vanna vannesa vashti vasiliki venetta vennie verline vernia
veronika veronique vertie vi victorina viki vinita virgen voncile wan waneta wanetta wava wen wendie wendolyn
wenona whitley wilhemina willena willetta williemae willodean willow winter wynell xenia xiao xochitl xuan yaeko
yael yahaira yajaira yasmine yasuko yelena yer yessenia yevette yon yoshie youlanda yuette yuk yuki yulanda yung
yuonne yuri yuriko yvone zada zana zenia zetta zonia
""".split()


def split(names=NAMES, validation=0.1, seed=42):
    """The names shuffled with `seed`, then cut in two: `(train, val)`, with a fraction `validation` in val.

    The model learns only from `train`; its loss on `val`, names it never saw, tells whether it learnt what
    names look like rather than these names by heart.
    """
    shuffled = list(names)
    random.Random(seed).shuffle(shuffled)
    n_val = round(len(shuffled) * validation)
    return shuffled[n_val:], shuffled[:n_val]
